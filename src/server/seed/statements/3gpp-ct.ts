import "server-only";
import type { DemoStatement } from "../demo-types";
import { contactsOf, list, mailbox, THREE_GPP_LIAISON_DESK } from "./helpers";

const LM = "lm-3gpp@example.org";

/** Exchanges with 3GPP TSG CT and its working groups. */
export const THREE_GPP_CT_STATEMENTS: readonly DemoStatement[] = [
  {
    key: "ct4-http",
    direction: "incoming",
    state: "posted",
    title: "LS on HTTP/2 and HTTP/3 use on the 5GC Service Based Interfaces",
    purpose: "information",
    from: ["3gpp-tsgct-ct4"],
    to: ["httpbis"],
    fromContact: contactsOf("3gpp-tsgct-ct4"),
    toContact: [mailbox("martin.alvarez@example.com"), list("httpbis")],
    otherIdentifiers: ["C4-244321"],
    submitter: LM,
    submitterRole: "liaison_manager",
    createdDaysAgo: 130,
    body: `CT4 informs the HTTP WG that TS 29.500 now allows HTTP/3 as an optional transport for the Service Based Interfaces, in addition to HTTP/2.
CT4 thanks the HTTP WG for RFC 9113 and RFC 9114, which are referenced normatively.
For information only.`,
  },
  {
    key: "ct-doh",
    direction: "incoming",
    state: "posted",
    title: "LS on DNS over HTTPS and DNS over TLS support in the UE",
    purpose: "information",
    from: ["3gpp-tsg-ct"],
    to: ["iesg"],
    fromContact: contactsOf("3gpp-tsg-ct"),
    toContact: [list("iesg")],
    otherIdentifiers: ["CP-231145"],
    submitter: "secretariat@example.org",
    submitterRole: "secretariat",
    createdDaysAgo: 700,
    body: `TSG CT informs the IESG that TS 24.501 specifies how the network provides a DoH or DoT server to the UE in PCO.
The specification references RFC 8484 and RFC 7858.`,
  },
  {
    key: "6man-prefix",
    direction: "outgoing",
    state: "posted",
    title: "LS on IPv6 prefix delegation to UEs",
    purpose: "information",
    from: ["6man"],
    to: ["3gpp-tsg-ct"],
    fromContact: [mailbox("bao.nguyen@example.org"), list("6man"), mailbox("keiko.sato@example.org")],
    fromLiaisonContact: mailbox(LM),
    toContact: contactsOf("3gpp-tsg-ct"),
    toLiaisonContact: THREE_GPP_LIAISON_DESK,
    submitter: "bao.nguyen@example.org",
    submitterRole: "wg_chair",
    createdDaysAgo: 620,
    body: `6MAN informs CT that RFC 9663 describes using DHCPv6 prefix delegation to give each client a unique IPv6 prefix.
This may be relevant to CT's work on IPv6 multi-homing for PDU sessions.`,
  },
  {
    key: "ct-withdrawn-draft",
    direction: "incoming",
    state: "withdrawn",
    title: "LS on IPv6 multi-homing for PDU sessions",
    purpose: "information",
    from: ["3gpp-tsg-ct"],
    to: ["6man"],
    fromContact: contactsOf("3gpp-tsg-ct"),
    toContact: [list("6man")],
    otherIdentifiers: ["CP-242210"],
    submitter: LM,
    submitterRole: "liaison_manager",
    createdDaysAgo: 40,
    withdrawn: {
      by: LM,
      daysAgo: 39,
      from: "draft",
      reason: "CT revised CP-242210 before sending it; the revision was never sent to the IETF.",
    },
    body: `CT informs 6MAN of its study on IPv6 multi-homing for PDU sessions.`,
  },
];
