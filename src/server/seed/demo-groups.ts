import "server-only";
import type { DemoGroup } from "./demo-types";

const wg = (acronym: string, name: string, parent: string, extra: Partial<DemoGroup> = {}): DemoGroup => ({
  acronym,
  name,
  type: "wg",
  organization: "ietf",
  parent,
  listAddress: `${acronym}@ietf.org`,
  ...extra,
});

const area = (acronym: string, name: string): DemoGroup => ({
  acronym,
  name,
  type: "area",
  organization: "ietf",
  listAddress: `${acronym}-ads@ietf.org`,
});

const rg = (acronym: string, name: string): DemoGroup => ({
  acronym,
  name,
  type: "rg",
  organization: "ietf",
  listAddress: `${acronym}@irtf.org`,
});

/** An external group; `contacts` are the chair/secretary mailboxes that pre-fill To-Contact. */
const sdo = (
  acronym: string,
  name: string,
  organization: string,
  contacts: readonly string[],
  parent?: string,
): DemoGroup => ({
  acronym,
  name,
  type: "sdo",
  organization,
  defaultContacts: contacts,
  ...(parent ? { parent } : {}),
});

/** Internal groups: the IETF, its leadership bodies, areas and WGs, and a few IRTF research groups. */
export const DEMO_INTERNAL_GROUPS: readonly DemoGroup[] = [
  {
    acronym: "ietf",
    name: "Internet Engineering Task Force",
    type: "ietf",
    organization: "ietf",
    listAddress: "ietf@ietf.org",
  },
  {
    acronym: "iesg",
    name: "Internet Engineering Steering Group",
    type: "iesg",
    organization: "ietf",
    listAddress: "iesg@ietf.org",
  },
  {
    acronym: "iab",
    name: "Internet Architecture Board",
    type: "iab",
    organization: "ietf",
    listAddress: "iab@iab.org",
  },
  area("wit", "Web and Internet Transport"),
  area("sec", "Security"),
  area("ops", "Operations and Management"),
  area("rtg", "Routing"),
  area("int", "Internet"),
  wg("quic", "QUIC", "wit"),
  wg("httpbis", "HTTP", "wit"),
  wg("masque", "Multiplexed Application Substrate over QUIC Encryption", "wit"),
  wg("tsvwg", "Transport and Services Working Group", "wit"),
  wg("moq", "Media Over QUIC", "wit"),
  wg("tls", "Transport Layer Security", "sec"),
  wg("lamps", "Limited Additional Mechanisms for PKIX and SMIME", "sec", { listAddress: "spasm@ietf.org" }),
  wg("emu", "EAP Method Update", "sec"),
  wg("opsawg", "Operations and Management Area Working Group", "ops"),
  wg("netmod", "Network Modeling", "ops"),
  wg("detnet", "Deterministic Networking", "rtg"),
  wg("ccamp", "Common Control and Measurement Plane", "rtg"),
  wg("6man", "IPv6 Maintenance", "int", { listAddress: "ipv6@ietf.org" }),
  // Concluded, so the directory and pickers have something to hide.
  wg("dmm", "Distributed Mobility Management", "int", { state: "concluded" }),
  rg("cfrg", "Crypto Forum"),
  rg("nmrg", "Network Management"),
];

/** External groups. 3GPP and ITU-T sub-groups sit under their parent TSG / study group. */
export const DEMO_EXTERNAL_GROUPS: readonly DemoGroup[] = [
  sdo("3gpp-tsg-sa", "3GPP TSG SA (Service and System Aspects)", "3gpp", [
    "3GPP TSG SA Chair <tsg-sa-chair@example.org>",
    "3GPP TSG SA Secretary <tsg-sa-secretary@example.org>",
  ]),
  sdo(
    "3gpp-tsgsa-sa2",
    "3GPP TSG SA WG2 (Architecture)",
    "3gpp",
    ["3GPP TSG SA2 Chair <sa2-chair@example.org>", "3GPP TSG SA2 Secretary <sa2-secretary@example.org>"],
    "3gpp-tsg-sa",
  ),
  sdo(
    "3gpp-tsgsa-sa3",
    "3GPP TSG SA WG3 (Security and Privacy)",
    "3gpp",
    ["3GPP TSG SA3 Chair <sa3-chair@example.org>", "3GPP TSG SA3 Secretary <sa3-secretary@example.org>"],
    "3gpp-tsg-sa",
  ),
  sdo("3gpp-tsg-ct", "3GPP TSG CT (Core Network and Terminals)", "3gpp", [
    "3GPP TSG CT Chair <tsg-ct-chair@example.org>",
    "3GPP TSG CT Secretary <tsg-ct-secretary@example.org>",
  ]),
  sdo(
    "3gpp-tsgct-ct4",
    "3GPP TSG CT WG4 (Core Network Protocols)",
    "3gpp",
    ["3GPP TSG CT4 Chair <ct4-chair@example.org>", "3GPP TSG CT4 Secretary <ct4-secretary@example.org>"],
    "3gpp-tsg-ct",
  ),
  sdo(
    "itu-t-sg15",
    "ITU-T Study Group 15 (Networks, technologies and infrastructures for transport, access and home)",
    "itu-t",
    ["ITU-T SG15 Chair <sg15-chair@example.net>", "ITU-T SG15 Counsellor <tsbsg15@example.net>"],
  ),
  sdo("itu-t-sg13", "ITU-T Study Group 13 (Future networks and emerging network technologies)", "itu-t", [
    "ITU-T SG13 Chair <sg13-chair@example.net>",
    "ITU-T SG13 Counsellor <tsbsg13@example.net>",
  ]),
  sdo("ieee-802-1", "IEEE 802.1 Working Group (Higher Layer LAN Protocols)", "ieee", [
    "IEEE 802.1 WG Chair <802-1-chair@example.com>",
    "IEEE 802.1 TSN Task Group Chair <802-1-tsn-chair@example.com>",
  ]),
  sdo("bbf", "Broadband Forum", "bbf", [
    "BBF Technical Committee Chair <bbf-tc-chair@example.com>",
    "BBF Liaison Desk <bbf-liaisons@example.com>",
  ]),
  sdo("etsi-tc-cyber", "ETSI TC CYBER (Cyber Security)", "etsi", ["ETSI TC CYBER Chair <cyber-chair@example.net>"]),
  sdo("w3c", "World Wide Web Consortium", "w3c", ["W3C Team Contact <w3c-team@example.com>"]),
  sdo("o-ran-wg11", "O-RAN WG11 (Security)", "o-ran", ["O-RAN WG11 Co-Chair <oran-wg11-chair@example.com>"]),
  sdo(
    "iso-iec-jtc1-sc6",
    "ISO/IEC JTC 1/SC 6 (Telecommunications and information exchange between systems)",
    "iso-iec-jtc1",
    ["ISO/IEC JTC 1/SC 6 Secretariat <jtc1-sc6-secretariat@example.net>"],
  ),
];

export const DEMO_GROUPS: readonly DemoGroup[] = [...DEMO_INTERNAL_GROUPS, ...DEMO_EXTERNAL_GROUPS];
