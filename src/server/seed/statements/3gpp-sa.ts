import "server-only";
import type { DemoStatement } from "../demo-types";
import { contactsOf, list, mailbox, THREE_GPP_LIAISON_DESK } from "./helpers";

const LM = "lm-3gpp@example.org";

/** Exchanges with 3GPP TSG SA working groups (SA2, SA3) other than the MPQUIC walkthrough. */
export const THREE_GPP_SA_STATEMENTS: readonly DemoStatement[] = [
  {
    key: "atsss-ls",
    direction: "incoming",
    state: "posted",
    title: "LS on QUIC-based multi-access traffic steering (ATSSS Phase 4)",
    purpose: "action",
    from: ["3gpp-tsgsa-sa2"],
    to: ["masque", "quic"],
    fromContact: contactsOf("3gpp-tsgsa-sa2"),
    fromLiaisonContact: "3GPP TSG SA2 Secretary <sa2-secretary@example.org>",
    toContact: [mailbox("chloe.dubois@example.com"), list("masque"), mailbox("chair@example.org"), list("quic")],
    otherIdentifiers: ["S2-2405678"],
    submitter: LM,
    submitterRole: "liaison_manager",
    createdDaysAgo: 12,
    deadlineInDays: 40,
    assignee: "chloe.dubois@example.com",
    attachments: [
      {
        title: "S2-2405678 LS on QUIC-based multi-access traffic steering",
        filename: "S2-2405678.pdf",
        kind: "pdf",
        text: "SA2 asks MASQUE and QUIC whether CONNECT-UDP with QUIC datagrams can carry non-QUIC user-plane traffic for ATSSS without per-packet overhead beyond 40 bytes.",
      },
    ],
    body: `SA2 is specifying, for Rel-19, an MPQUIC steering functionality that carries UDP, IP and Ethernet PDU sessions over HTTP/3 using CONNECT-UDP and CONNECT-IP.

SA2 kindly asks MASQUE and QUIC:
Q1: Is the use of HTTP Datagrams with QUIC DATAGRAM frames (RFC 9297, RFC 9221) suitable for carrying non-QUIC user-plane traffic between the UE and the UPF?
Q2: Is work planned on header compression for proxied UDP payloads?

Next SA2 meetings: SA2#166 and SA2#167.`,
  },
  {
    key: "masque-atsss-returned",
    direction: "outgoing",
    state: "draft",
    title: "LS on CONNECT-IP and CONNECT-UDP for ATSSS steering",
    purpose: "action",
    from: ["masque"],
    to: ["3gpp-tsgsa-sa2"],
    fromContact: [mailbox("chloe.dubois@example.com"), list("masque")],
    fromLiaisonContact: mailbox(LM),
    toContact: contactsOf("3gpp-tsgsa-sa2"),
    toLiaisonContact: THREE_GPP_LIAISON_DESK,
    submitter: "chloe.dubois@example.com",
    submitterRole: "wg_chair",
    createdDaysAgo: 9,
    deadlineInDays: 60,
    returned: {
      by: "ad@example.org",
      daysAgo: 6,
      comment: "Please name the SA2 work item (ATSSS_Ph4) in the body and give SA2 until after its next meeting.",
    },
    body: `The MASQUE WG asks SA2 to describe the expected number of concurrent CONNECT-IP sessions per UE so the WG can evaluate the state held by proxies.

ACTION: MASQUE asks SA2 to provide this information.`,
  },
  {
    key: "sa3-early-data",
    direction: "incoming",
    state: "posted",
    title: "LS on TLS 1.3 early data in the 5G Service Based Architecture",
    purpose: "action",
    from: ["3gpp-tsgsa-sa3"],
    to: ["tls"],
    fromContact: contactsOf("3gpp-tsgsa-sa3"),
    toContact: [mailbox("samir.haddad@example.net"), list("tls")],
    otherIdentifiers: ["S3-243187"],
    submitter: LM,
    submitterRole: "liaison_manager",
    createdDaysAgo: 70,
    deadlineInDays: -20,
    assignee: "samir.haddad@example.net",
    body: `SA3 is considering whether 0-RTT data (TLS 1.3 early data, RFC 8446 Section 2.3) may be used on the SBI between network functions.

SA3 asks the TLS WG:
1. Are there recommendations beyond RFC 8446 Section 8 on replay protection for server-to-server APIs?
2. Does the TLS WG recommend against early data for non-idempotent HTTP requests in such deployments?

SA3 would appreciate a reply before SA3#119.`,
  },
  {
    key: "tls-early-data-reply",
    direction: "outgoing",
    state: "pending",
    title: "Reply LS on TLS 1.3 early data in the 5G Service Based Architecture",
    purpose: "response",
    from: ["tls"],
    to: ["3gpp-tsgsa-sa3"],
    fromContact: [mailbox("samir.haddad@example.net"), list("tls"), mailbox("priya.raman@example.org")],
    fromLiaisonContact: mailbox(LM),
    toContact: contactsOf("3gpp-tsgsa-sa3"),
    toLiaisonContact: THREE_GPP_LIAISON_DESK,
    otherIdentifiers: ["S3-243187"],
    consensus: "chairs_judgement",
    submitter: "samir.haddad@example.net",
    submitterRole: "wg_chair",
    createdDaysAgo: 4,
    respondsTo: ["sa3-early-data"],
    body: `The TLS WG thanks SA3 for its LS (S3-243187).

1. RFC 8470 (Using Early Data in HTTP) applies: servers must reject or defer early data for requests that are not safe to replay, and intermediaries must signal it with the Early-Data header field.
2. The WG recommends that SBI deployments do not accept early data for non-idempotent requests.`,
  },
  {
    key: "l4s-withdrawn",
    direction: "outgoing",
    state: "withdrawn",
    title: "LS on L4S support in the 5G System",
    purpose: "information",
    from: ["tsvwg"],
    to: ["3gpp-tsgsa-sa2"],
    fromContact: [list("tsvwg"), mailbox("ad@example.org")],
    toContact: contactsOf("3gpp-tsgsa-sa2"),
    toLiaisonContact: THREE_GPP_LIAISON_DESK,
    submitter: "ad@example.org",
    submitterRole: "ad",
    createdDaysAgo: 320,
    approvalLagDays: 0,
    withdrawn: {
      by: "secretariat@example.org",
      daysAgo: 316,
      from: "posted",
      reason: "Posted with an outdated attachment.",
    },
    body: `TSVWG informs SA2 that the L4S architecture (RFC 9330) and the DualQ Coupled AQM (RFC 9332) are published.`,
  },
  {
    key: "l4s-corrected",
    direction: "outgoing",
    state: "posted",
    title: "LS on L4S support in the 5G System (corrected)",
    purpose: "information",
    from: ["tsvwg"],
    to: ["3gpp-tsgsa-sa2"],
    fromContact: [list("tsvwg"), mailbox("ad@example.org")],
    fromLiaisonContact: mailbox(LM),
    toContact: contactsOf("3gpp-tsgsa-sa2"),
    toLiaisonContact: THREE_GPP_LIAISON_DESK,
    submitter: "ad@example.org",
    submitterRole: "ad",
    createdDaysAgo: 315,
    approvalLagDays: 0,
    relatedTo: ["l4s-withdrawn"],
    body: `This LS replaces the earlier one, which carried an outdated attachment.

TSVWG informs SA2 that the L4S architecture (RFC 9330), the DualQ Coupled AQM (RFC 9332) and the ECN protocol for L4S (RFC 9331) are published, and that ECN marking in the 5G user plane is discussed at https://datatracker.ietf.org/wg/tsvwg/about/.`,
  },
  {
    key: "sa2-qos-pending",
    direction: "incoming",
    state: "draft",
    title: "LS on QoS monitoring for low-latency services",
    purpose: "information",
    from: ["3gpp-tsgsa-sa2"],
    to: ["tsvwg"],
    fromContact: contactsOf("3gpp-tsgsa-sa2"),
    toContact: [list("tsvwg")],
    otherIdentifiers: ["S2-2409912"],
    submitter: LM,
    submitterRole: "liaison_manager",
    createdDaysAgo: 1.5,
    body: `SA2 informs TSVWG of its QoS monitoring enhancements for low-latency services (TS 23.501 clause 5.33.3).`,
  },
];
