import "server-only";
import type { DemoStatement } from "../demo-types";
import { contactsOf, list, mailbox, THREE_GPP_LIAISON_DESK } from "./helpers";

/** The QUIC WG's exchange with 3GPP on MPQUIC (the walkthrough in the README), plus its open work. */
export const QUIC_STATEMENTS: readonly DemoStatement[] = [
  {
    key: "mpquic-ls",
    direction: "incoming",
    state: "posted",
    title: "LS on Security considerations for MPQUIC",
    purpose: "action",
    from: ["3gpp-tsg-sa"],
    to: ["quic"],
    fromContact: [...contactsOf("3gpp-tsg-sa"), "3GPP TSG SA3 Chair <sa3-chair@example.org>"],
    fromLiaisonContact: "3GPP TSG SA Secretary <tsg-sa-secretary@example.org>",
    toContact: [mailbox("chair@example.org"), list("quic"), mailbox("ad@example.org")],
    otherIdentifiers: ["SP-240987", "S3-242671"],
    submitter: "lm-3gpp@example.org",
    submitterRole: "liaison_manager",
    createdDaysAgo: 45,
    deadlineInDays: -10,
    assignee: "chair@example.org",
    attachments: [
      {
        title: "SP-240987 LS on Security considerations for MPQUIC",
        filename: "SP-240987.pdf",
        kind: "pdf",
        text: "Source: TSG SA\nTo: IETF QUIC WG\nCc: TSG SA WG2, TSG SA WG3\n\nTSG SA asks the QUIC WG to review the security considerations of draft-ietf-quic-multipath as used by the MPQUIC steering functionality of ATSSS (TS 23.501 clause 5.32.6) and to advise on the residual risks listed in Annex A.",
      },
    ],
    body: `Title: LS on Security considerations for MPQUIC
Release: Rel-19
Work Item: ATSSS_Ph4
Source: TSG SA
To: IETF QUIC WG
Cc: TSG SA WG2, TSG SA WG3

1. Overall description

TSG SA thanks the IETF QUIC WG for its continued work on the multipath extension for QUIC.
SA2 has specified an MPQUIC-based steering functionality for ATSSS, in which the UE and the UPF act as MASQUE proxy endpoints and carry user-plane traffic over QUIC connections that use several paths at once (3GPP access and non-3GPP access).
SA3 has studied the security aspects and identified the following open points:

  a) path validation when the non-3GPP access is untrusted;
  b) exposure of connection IDs across access networks (linkability);
  c) interaction between QUIC key updates and the N3/N9 user-plane security.

2. Actions

To IETF QUIC WG.
ACTION: TSG SA kindly asks the QUIC WG to review the open points above against the current version of the draft
(https://datatracker.ietf.org/doc/draft-ietf-quic-multipath/) and to inform TSG SA whether the WG intends to address them.

3. Date of next TSG SA meetings

TSG SA#106   Madrid, ES
TSG SA#107   Fukuoka, JP`,
  },
  {
    key: "mpquic-reply",
    direction: "outgoing",
    state: "posted",
    title: "Reply LS on Security considerations for MPQUIC",
    purpose: "response",
    from: ["quic"],
    to: ["3gpp-tsg-sa"],
    fromContact: [mailbox("chair@example.org"), list("quic"), mailbox("ad@example.org")],
    fromLiaisonContact: mailbox("lm-3gpp@example.org"),
    toContact: [...contactsOf("3gpp-tsg-sa", "3gpp-tsgsa-sa2", "3gpp-tsgsa-sa3")],
    toLiaisonContact: THREE_GPP_LIAISON_DESK,
    otherIdentifiers: ["SP-240987"],
    consensus: "wg_consensus",
    submitter: "chair@example.org",
    submitterRole: "wg_chair",
    createdDaysAgo: 24,
    respondsTo: ["mpquic-ls"],
    attachments: [
      {
        title: "QUIC WG reply to SP-240987",
        filename: "quic-reply-sp-240987.pdf",
        kind: "pdf",
        text: "The QUIC WG thanks TSG SA for its LS. Path validation (a) and connection ID linkability (b) are addressed in the Security Considerations of draft-ietf-quic-multipath; point (c) is outside the scope of QUIC.",
      },
    ],
    body: `The IETF QUIC WG thanks 3GPP TSG SA for its LS on Security considerations for MPQUIC (SP-240987).

On the open points raised by SA3:

a) Path validation: the multipath extension requires every new path to be validated with PATH_CHALLENGE/PATH_RESPONSE before it carries application data, regardless of the access network; an untrusted non-3GPP access therefore cannot inject a path without the peer's cooperation.

b) Linkability: endpoints must use distinct connection IDs on each path (Section 9 of the draft). The WG has clarified this text in the latest revision after your LS.

c) Key updates: QUIC key updates are independent of the N3/N9 user-plane security; the WG sees no interaction that QUIC needs to specify. The WG suggests SA3 confirm this in its TR.

The current text is at https://datatracker.ietf.org/doc/draft-ietf-quic-multipath/ and the WG welcomes review comments on quic@ietf.org.

The QUIC WG does not expect a reply to this LS.`,
  },
  {
    key: "quic-migration-pending",
    direction: "outgoing",
    state: "pending",
    title: "LS on QUIC connection migration across 3GPP and non-3GPP access",
    purpose: "information",
    from: ["quic"],
    to: ["3gpp-tsgct-ct4"],
    fromContact: [mailbox("chair@example.org"), list("quic"), mailbox("cochair@example.org")],
    fromLiaisonContact: mailbox("lm-3gpp@example.org"),
    toContact: [...contactsOf("3gpp-tsgct-ct4")],
    toLiaisonContact: THREE_GPP_LIAISON_DESK,
    submitter: "chair@example.org",
    submitterRole: "wg_chair",
    createdDaysAgo: 2,
    body: `The IETF QUIC WG would like to inform CT4 of operational experience with QUIC connection migration when a UE moves between 3GPP access and Wi-Fi.

Several implementations report that NAT rebinding on the non-3GPP path is indistinguishable from an intentional migration; the WG documented the recommended handling in RFC 9000 Section 9 and in the applicability statement (RFC 9308).

No action is requested.`,
  },
  {
    key: "quic-deployment-draft",
    direction: "outgoing",
    state: "draft",
    title: "LS on Multipath QUIC deployment status",
    purpose: "information",
    from: ["quic"],
    to: ["3gpp-tsgsa-sa2"],
    fromContact: [mailbox("chair@example.org"), list("quic")],
    fromLiaisonContact: mailbox("lm-3gpp@example.org"),
    toContact: [...contactsOf("3gpp-tsgsa-sa2")],
    submitter: "chair@example.org",
    submitterRole: "wg_chair",
    createdDaysAgo: 0.5,
    body: `DRAFT - not yet agreed by the WG.

The QUIC WG would like to update SA2 on the status of draft-ietf-quic-multipath:
- the draft passed WG last call;
- three interoperable implementations exist;
- TODO: add the interop matrix link before sending.`,
  },
];
