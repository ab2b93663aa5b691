/**
 * Vocabulary and text builders for the benchmark's synthetic liaison statements. Deterministic (seeded PRNG),
 * so two runs generate the same archive and the search word selects the same statements.
 *
 * Topics follow a Zipf-like popularity (a few subjects come back every year, most are rare), the body mixes
 * a large technical vocabulary, specification numbers and meeting names, so a full-text query for one
 * subject word is selective, as it is on the real archive.
 */

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  /** `n` distinct items (fewer when the list is shorter). */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0] as T);
    return out;
  }
  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, weight] of table) {
      r -= weight;
      if (r < 0) return value;
    }
    const last = table.at(-1);
    if (!last) throw new Error("weighted pick from an empty table");
    return last[0];
  }
}

/** A subject that statements are exchanged about: which external and IETF groups care. */
export interface Topic {
  phrase: string;
  /** external group acronyms (demo directory) */
  ext: readonly string[];
  /** IETF group acronyms (demo directory) */
  ietf: readonly string[];
}

const T = (phrase: string, ext: string, ietf: string): Topic => ({
  phrase,
  ext: ext.split(" "),
  ietf: ietf.split(" "),
});

const SA = "3gpp-tsg-sa 3gpp-tsgsa-sa2 3gpp-tsgsa-sa3";
const CT = "3gpp-tsg-ct 3gpp-tsgct-ct4";
const ITU = "itu-t-sg13 itu-t-sg15";

/**
 * Ordered by popularity: the first topics are the most frequent. BENCH_SEARCH_WORD ("fronthaul") occurs in
 * one topic of middling rank only, so the search matches about one percent of the archive.
 */
export const TOPICS: readonly Topic[] = [
  T("multi-access traffic steering with MPQUIC (ATSSS)", "3gpp-tsgsa-sa2 3gpp-tsg-sa", "quic masque tsvwg"),
  T("YANG data models for optical transport networks", ITU, "ccamp netmod"),
  T("deterministic networking for time-sensitive applications", "ieee-802-1 itu-t-sg13", "detnet tsvwg"),
  T("network slicing management interfaces", `${SA} itu-t-sg13`, "opsawg netmod"),
  T("TLS 1.3 profiles for service-based interfaces", "3gpp-tsgsa-sa3 etsi-tc-cyber", "tls sec"),
  T("post-quantum cryptography migration", "etsi-tc-cyber 3gpp-tsgsa-sa3 iso-iec-jtc1-sc6", "cfrg lamps tls"),
  T("IPv6 addressing for user equipment", `${CT} bbf`, "6man int"),
  T("EAP-AKA' with perfect forward secrecy", "3gpp-tsgsa-sa3", "emu sec"),
  T("HTTP/3 usage in the service-based architecture", `${CT} w3c`, "httpbis quic"),
  T("MAC address randomization and device identification", "ieee-802-1 bbf", "int 6man opsawg"),
  T("segment routing over IPv6 in transport networks", ITU, "rtg 6man"),
  T("broadband access node YANG modules", "bbf itu-t-sg15", "netmod opsawg"),
  T("WebTransport over HTTP/3", "w3c", "httpbis masque quic"),
  T("media over QUIC for live streaming", "w3c 3gpp-tsg-sa", "moq quic"),
  T("encrypted client hello deployment", "w3c etsi-tc-cyber", "tls"),
  T("quantum key distribution networks", "itu-t-sg13 etsi-tc-cyber", "cfrg iab"),
  T("congestion control for low-latency services (L4S)", "3gpp-tsgsa-sa2 bbf", "tsvwg"),
  T("certificate transparency and PKI for IoT devices", "etsi-tc-cyber o-ran-wg11", "lamps"),
  T("subscriber concealed identifiers (SUCI)", "3gpp-tsgsa-sa3", "cfrg sec"),
  T("synchronisation and timing distribution (PTP)", "itu-t-sg15 ieee-802-1", "tsvwg ccamp"),
  T("IETF protocols referenced in IMT-2020 specifications", "itu-t-sg13 3gpp-tsg-sa", "iab iesg"),
  T("Diameter to HTTP/2 interworking", CT, "httpbis opsawg"),
  T("DNS resolution in mobile edge computing", "3gpp-tsgsa-sa2 3gpp-tsgct-ct4", "int"),
  T("multicast and broadcast service architecture", "3gpp-tsgsa-sa2 bbf", "rtg tsvwg"),
  T("home gateway IPv6 transition mechanisms", "bbf", "6man int"),
  T("link-layer discovery and LLDP extensions", "ieee-802-1", "opsawg"),
  T("optical interface specifications for 400G", "itu-t-sg15", "ccamp"),
  T("zero-touch provisioning of network elements", "bbf o-ran-wg11", "opsawg netmod"),
  T("privacy of location information", "3gpp-tsgsa-sa3 w3c", "sec iab"),
  T("open fronthaul security and certificate management", "o-ran-wg11 3gpp-tsgsa-sa3", "lamps sec"),
  T("ECN marking across mobile bearers", "3gpp-tsgsa-sa2", "tsvwg"),
  T("management of time-sensitive networking bridges", "ieee-802-1", "detnet netmod"),
  T("network digital twin architecture", "itu-t-sg13", "nmrg opsawg"),
  T("intent-based networking terminology", "itu-t-sg13 etsi-tc-cyber", "nmrg"),
  T("key management for satellite access", "3gpp-tsgsa-sa3", "sec lamps"),
  T("URI schemes for mission-critical services", "3gpp-tsg-ct", "iesg int"),
  T("proxying UDP and IP in HTTP (CONNECT-UDP, CONNECT-IP)", "3gpp-tsgsa-sa2", "masque"),
  T("energy efficiency metrics for networks", "itu-t-sg13 bbf", "opsawg iab"),
  T("software bill of materials for network functions", "o-ran-wg11 etsi-tc-cyber", "opsawg sec"),
  T("cross-layer OAM for transport services", ITU, "ccamp opsawg"),
  T("verifiable credentials and identity wallets", "w3c etsi-tc-cyber", "sec iab"),
  T("protection of signalling over N32 roaming interfaces", "3gpp-tsgsa-sa3 3gpp-tsgct-ct4", "tls"),
  T("mobility management for vehicular networks", "iso-iec-jtc1-sc6 3gpp-tsgsa-sa2", "dmm int"),
  T("interplanetary and delay-tolerant networking", "iso-iec-jtc1-sc6", "iab tsvwg"),
  T("metadata for lawful disclosure requests", "etsi-tc-cyber", "iab iesg"),
  T("Wi-Fi and cellular convergence", "bbf ieee-802-1 3gpp-tsgsa-sa2", "int"),
  T("hybrid public key encryption usage", "etsi-tc-cyber w3c", "cfrg"),
  T("geolocation of IP addresses", "w3c", "opsawg int"),
  T("terahertz backhaul planning", "itu-t-sg15", "ccamp"),
  T("emergency calling over IP networks", "3gpp-tsg-ct etsi-tc-cyber", "iesg"),
  T("registry of URN namespaces for ISO standards", "iso-iec-jtc1-sc6", "iesg"),
  T("structured field values for HTTP", "w3c", "httpbis"),
  T("passive optical network management", "itu-t-sg15 bbf", "netmod"),
  T("machine learning for traffic classification", "itu-t-sg13", "nmrg"),
  T("randomized and changing MAC addresses on Wi-Fi", "ieee-802-1", "int"),
  T("firmware update for constrained devices", "etsi-tc-cyber", "sec"),
  T("carbon accounting in data centres", "itu-t-sg13", "iab"),
  T("SIP identity and caller authentication", "3gpp-tsg-ct", "sec"),
  T("unicode normalisation in identifiers", "w3c iso-iec-jtc1-sc6", "int"),
  T("path computation for multi-domain optical networks", "itu-t-sg15", "ccamp rtg"),
];

/** Technologies mentioned in passing in bodies (never a topic, so they do not blur the topics' words). */
export const OTHER_TECH = [
  "carrier-grade NAT",
  "IPsec tunnels",
  "SD-WAN overlays",
  "DHCPv6 prefix delegation",
  "BGP route reflection",
  "MPLS pseudowires",
  "RADIUS accounting",
  "SNMP-based monitoring",
  "NETCONF notifications",
  "OAuth 2.0 tokens",
  "VXLAN overlays",
  "Ethernet VPNs",
  "LoRaWAN gateways",
  "DOCSIS cable access",
  "content delivery networks",
  "RTP media streams",
] as const;

/** The default search word: only the "open fronthaul" topic (rank 30 of 60, about 1% of statements) uses it. */
export const BENCH_SEARCH_WORD = "fronthaul";

/** Popularity weight of topic i (Zipf, s = 0.8). */
export const topicWeights: readonly (readonly [Topic, number])[] = TOPICS.map((topic, i) => [
  topic,
  1 / (i + 1) ** 0.8,
]);

export const ASPECTS = [
  "security considerations",
  "the YANG data model",
  "IANA registrations",
  "congestion control",
  "privacy implications",
  "deployment guidance",
  "protocol extensions",
  "terminology alignment",
  "requirements",
  "interoperability testing",
  "management interfaces",
  "test specifications",
  "performance metrics",
  "backward compatibility",
  "the reference architecture",
  "operational experience",
  "the threat model",
  "the information model",
] as const;

export const QUALIFIERS = [
  "Rel-16",
  "Rel-17",
  "Rel-18",
  "Rel-19",
  "Phase 2",
  "status update",
  "progress report",
  "new work item",
  "revised",
  "follow-up",
  "study item conclusion",
  "draft Recommendation",
] as const;

/** A large technical vocabulary for bodies and attachment titles (most words are rare). */
export const TERMS = (
  "access-control accounting adaptation addressing admission aggregation algorithm allocation anchor " +
  "anonymisation anycast application arbitration assertion assurance attestation authentication " +
  "authorization autoconfiguration availability backhaul backoff bandwidth baseline beamforming " +
  "benchmarking binding blocklist bootstrapping bridging broadcast buffering bundling caching capability " +
  "certificate chaining charging checksum ciphersuite classification clock codec coexistence compression " +
  "confidentiality configuration congestion connectivity consent container continuity convergence " +
  "correlation credential datagram decapsulation delegation demultiplexing deprecation descriptor " +
  "determinism discovery dissemination downgrade duplication encapsulation encoding encryption endpoint " +
  "enrolment entitlement enumeration equivalence escalation extensibility failover federation " +
  "filtering fingerprinting flooding flow-control forwarding fragmentation framing freshness gateway " +
  "granularity handover handshake hashing heartbeat hierarchy hop-by-hop identifier impersonation " +
  "indication ingress inspection integrity interception interleaving inventory isolation jitter keepalive " +
  "key-derivation labelling latency lifecycle liveness localisation logging loopback marking measurement " +
  "mediation membership metering migration mirroring mobility monitoring multicast multihoming " +
  "multiplexing negotiation notification nonce observability offloading onboarding ordering " +
  "orchestration overlay pacing packetisation padding paging partitioning peering persistence " +
  "placement policing polling portability pre-emption precedence prefix prioritisation privacy " +
  "provisioning proxying pruning pseudonym queueing quota reachability reassembly reconfiguration " +
  "redirection redundancy refresh registration relaying reliability renumbering replay reporting " +
  "reservation resilience resolution retransmission revocation roaming rollover routing sampling " +
  "scheduling scrambling segmentation sequencing serialization session shaping signalling signature " +
  "spoofing stapling steering subscription suppression synchronisation tagging telemetry tenancy " +
  "throttling timestamping tokenisation topology traceability tracking transcoding translation " +
  "tunnelling unlinkability upgrade validation verification versioning virtualisation watermarking " +
  "whitelisting windowing"
).split(" ");

export const FIRST_NAMES = (
  "Aiko Alejandro Amara Anders Ayesha Bao Beatriz Bjorn Carmen Chen Dara Deepak Elena Emeka Fatima Felix " +
  "Giulia Hamid Hana Ingrid Ishaan Jamal Javier Jin Kaito Kamala Lars Leila Lucia Malik Mariana Mateo " +
  "Mei Mikhail Nadia Nikolai Noor Olga Omar Pablo Priya Rafael Rania Rohan Sakura Samir Sofia Soren " +
  "Tariq Tomasz Ulla Valentina Viktor Wei Xavier Yara Yusuf Zanele Zofia"
).split(" ");

export const LAST_NAMES = (
  "Abara Bergstrom Castillo Dimitrov Eriksen Fernandes Gallagher Haddad Ivanova Jansen Kowalczyk " +
  "Lindholm Moreau Nakamura Okafor Petrov Quintero Rasmussen Schneider Takahashi Umarov Vasquez " +
  "Whitfield Xu Yamamoto Zielinski Achterberg Banerjee Chowdhury Delacroix Esposito Fujimoto Grünewald " +
  "Horvath Iyer Jablonski Kaur Larsson Mbeki Novak Oyelaran Pacheco Rossi Sato Thorsen Uchida Varga"
).split(" ");

/** Meeting names by external group family, for body text. */
export function meetingOf(rnd: Random, ext: string, year: number): string {
  if (ext.startsWith("3gpp-tsgsa-sa2")) return `SA2#${140 + (year - 2016) * 6 + rnd.int(0, 5)}`;
  if (ext.startsWith("3gpp-tsgsa-sa3")) return `SA3#${80 + (year - 2016) * 6 + rnd.int(0, 5)}`;
  if (ext.startsWith("3gpp-tsgct-ct4")) return `CT4#${70 + (year - 2016) * 6 + rnd.int(0, 5)}`;
  if (ext.startsWith("3gpp")) return `TSG#${70 + (year - 2016) * 4 + rnd.int(0, 3)}`;
  if (ext.startsWith("itu-t")) return `the ${rnd.pick(["Geneva", "virtual", "Seoul", "Lisbon"])} meeting of ${year}`;
  if (ext === "ieee-802-1")
    return `the ${rnd.pick(["January", "March", "May", "July", "September", "November"])} ${year} plenary`;
  return `the ${rnd.pick(["Q1", "Q2", "Q3", "Q4"])} ${year} meeting`;
}

/** The peer's document number, in the style of its organization (e.g. 3GPP S2-2405678). */
export function documentNumber(rnd: Random, ext: string, year: number): string | null {
  const yy = String(year % 100).padStart(2, "0");
  const n = (digits: number) => String(rnd.int(1, 10 ** digits - 1)).padStart(digits, "0");
  switch (ext) {
    case "3gpp-tsgsa-sa2":
      return `S2-${yy}${n(5)}`;
    case "3gpp-tsgsa-sa3":
      return `S3-${yy}${n(4)}`;
    case "3gpp-tsgct-ct4":
      return `C4-${yy}${n(4)}`;
    case "3gpp-tsg-sa":
      return `SP-${yy}${n(4)}`;
    case "3gpp-tsg-ct":
      return `CP-${yy}${n(4)}`;
    case "itu-t-sg13":
      return `SG13-LS${rnd.int(1, 400)}`;
    case "itu-t-sg15":
      return `SG15-LS${rnd.int(1, 400)}`;
    case "ieee-802-1":
      return `802.1-${yy}/${n(4)}r${rnd.int(0, 3)}`;
    case "bbf":
      return `LIAISON-${year}-${n(3)}`;
    case "etsi-tc-cyber":
      return `CYBER(${yy})0${n(5)}`;
    case "o-ran-wg11":
      return `O-RAN.WG11.LS-${year}-${n(2)}`;
    case "iso-iec-jtc1-sc6":
      return `JTC1/SC6 N${n(5)}`;
    default:
      return null;
  }
}

export function specReference(rnd: Random): string {
  switch (rnd.int(0, 5)) {
    case 0:
      return `TS 23.${rnd.int(100, 799)}`;
    case 1:
      return `TS 33.${rnd.int(100, 599)}`;
    case 2:
      return `RFC ${rnd.int(2000, 9800)}`;
    case 3:
      return `draft-ietf-${rnd.pick(["quic", "tls", "masque", "netmod", "detnet", "ccamp", "6man", "opsawg", "emu", "lamps"])}-${rnd.pick(TERMS)}-${String(rnd.int(0, 14)).padStart(2, "0")}`;
    case 4:
      return `ITU-T G.${rnd.int(700, 9999)}`;
    default:
      return `IEEE 802.1${rnd.pick(["Qbv", "Qcc", "CB", "AS", "X", "AE", "CQ", "DG", "Qdj"])}`;
  }
}

const sentence = (rnd: Random, topic: string, sender: string, receiver: string, other: string): string => {
  const term = () => rnd.pick(TERMS);
  switch (rnd.int(0, 13)) {
    case 0:
      return `${sender} has agreed a baseline for ${term()} and ${term()} in the context of ${topic}, see ${specReference(rnd)}.`;
    case 1:
      return `The current text assumes that ${term()} is handled end to end; ${sender} would appreciate ${receiver}'s view on whether ${specReference(rnd)} already covers this.`;
    case 2:
      return `Several companies raised concerns about ${term()} when ${term()} is combined with ${other}.`;
    case 3:
      return `${sender} plans to complete the work on ${term()} by ${rnd.pick(["the end of the year", "the next plenary", "Stage 3 freeze", "the next study period"])}.`;
    case 4:
      return `Contributions on ${term()}, ${term()} and ${term()} were discussed; no consensus was reached on the ${term()} aspects.`;
    case 5:
      return `${receiver} is kindly invited to review the attached document and to comment on the ${term()} procedure described in clause ${rnd.int(4, 9)}.${rnd.int(1, 12)}.`;
    case 6:
      return `A reference to ${specReference(rnd)} has been added for ${term()}; ${sender} understands this to be a stable specification.`;
    case 7:
      return `The ${term()} mechanism relies on ${specReference(rnd)} and on ${term()} as described in ${specReference(rnd)}.`;
    case 8:
      return `${sender} notes that ${other} may interact with ${term()} and asks to be kept informed of related work.`;
    case 9:
      return `Operators reported deployment issues with ${term()} and ${term()} in networks that use ${other}.`;
    case 10:
      return `The ${term()} requirements are summarised in Annex ${rnd.pick(["A", "B", "C", "D"])} of the attachment.`;
    case 11:
      return `${sender} would like to avoid duplicating work on ${term()} and proposes to align terminology with ${receiver}.`;
    case 12:
      return `It is expected that ${term()} will be needed for ${topic}; a gap analysis is ongoing.`;
    default:
      return `The editor's draft now addresses ${term()}, ${term()} and ${term()}; remaining issues are tracked in the issue list.`;
  }
};

export interface BodyInput {
  rnd: Random;
  topic: Topic;
  /** another topic's phrase, mentioned in passing */
  other: string;
  sender: string;
  receiver: string;
  purpose: "information" | "action" | "response" | "comment";
  meeting: string;
  replyTo?: string;
  deadline?: string;
}

/** A liaison body: greeting, a few paragraphs, questions for action, and the next meetings. */
export function body(input: BodyInput): string {
  const { rnd, topic, other, sender, receiver, purpose, meeting, replyTo, deadline } = input;
  const paragraphs: string[] = [];
  paragraphs.push(
    replyTo
      ? `${sender} thanks ${receiver} for its liaison statement ${replyTo} on ${topic.phrase}.`
      : rnd.pick([
          `${sender} would like to inform ${receiver} about the progress of its work on ${topic.phrase}.`,
          `${sender} thanks ${receiver} for the continued cooperation on ${topic.phrase}.`,
          `At its meeting ${meeting}, ${sender} discussed ${topic.phrase} and agreed to send this liaison statement to ${receiver}.`,
        ]),
  );
  const count = rnd.int(1, 3);
  for (let p = 0; p < count; p++) {
    const sentences = rnd.int(1, 4);
    const text: string[] = [];
    for (let s = 0; s < sentences; s++) text.push(sentence(rnd, topic.phrase, sender, receiver, other));
    paragraphs.push(text.join(" "));
  }
  if (purpose === "action") {
    const questions = rnd.int(1, 3);
    const lines = [`${sender} kindly asks ${receiver}:`];
    for (let q = 1; q <= questions; q++) {
      lines.push(
        `Q${q}: ${rnd.pick([
          `Is ${rnd.pick(TERMS)} as specified in ${specReference(rnd)} suitable for ${topic.phrase}?`,
          `Does ${receiver} plan work on ${rnd.pick(TERMS)} for ${topic.phrase}?`,
          `Can ${receiver} confirm that ${rnd.pick(TERMS)} does not require a new IANA registry?`,
          `What is the expected timeline for ${rnd.pick(TERMS)} and ${rnd.pick(TERMS)}?`,
        ])}`,
      );
    }
    paragraphs.push(lines.join("\n"));
    if (deadline) paragraphs.push(`A reply before ${deadline} would be appreciated.`);
  }
  paragraphs.push(
    `Next meetings: ${meeting}. Further information: https://example.org/liaisons/${rnd.int(1000, 99999)}`,
  );
  return paragraphs.map(capitaliseSentences).join("\n\n");
}

/** "the QUIC WG thanks ..." at the start of a sentence becomes "The QUIC WG thanks ...". */
function capitaliseSentences(text: string): string {
  return text.replace(/(^|[.?]\s+|\n)the /g, (_m, lead: string) => `${lead}The `);
}

/**
 * Distinct search queries for the cache-miss search run: two technical terms (websearch AND), each pair used
 * once, in a fixed order. Selective: each term is in a few percent of bodies, the pair in well under one.
 */
export function variedQueries(count: number, seed = 7): string[] {
  const rnd = new Random(prng(seed));
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < count && seen.size < TERMS.length * TERMS.length) {
    const [a, b] = rnd.sample(TERMS, 2);
    const q = `${a} ${b}`;
    if (a === undefined || b === undefined || seen.has(q)) continue;
    seen.add(q);
    out.push(q);
  }
  return out;
}
