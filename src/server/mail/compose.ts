import "server-only";
import type { Direction, Purpose } from "@/generated/prisma/enums";
import { formatSize } from "@/lib/dates";
import { purposeLabel } from "@/lib/labels";

/** Everything a statement mail shows (docs/domain.md "Mail": every mail has all of these). */
export interface StatementMailView {
  id: number;
  url: string;
  direction: Direction;
  title: string;
  purpose: Purpose | null;
  deadline: string | null;
  consensus: string | null;
  body: string;
  from: { acronym: string; name: string }[];
  to: { acronym: string; name: string }[];
  fromContact: string[];
  fromLiaisonContact: string | null;
  toContact: string[];
  toLiaisonContact: string | null;
  otherIdentifiers: string[];
  attachments: { title: string; filename: string; size: number; url: string }[];
  related: { title: string; relationship: string; url: string }[];
  submitter: string;
}

export interface ComposedMail {
  subject: string;
  body: string;
}

const groupList = (groups: StatementMailView["from"]) => groups.map((g) => `${g.name} (${g.acronym})`).join(", ");
const lines = (list: readonly string[]) => (list.length ? list.join(", ") : "(none)");

/** The statement block every mail carries; the body is appended verbatim, never reflowed. */
export function statementBlock(st: StatementMailView): string {
  const out = [
    `Title: ${st.title}`,
    `URL of the statement: ${st.url}`,
    "",
    `From: ${groupList(st.from)}`,
    `From-Contact: ${lines(st.fromContact)}`,
    `From-Liaison-Contact (Send Reply to): ${st.fromLiaisonContact ?? "(none)"}`,
    `To: ${groupList(st.to)}`,
    `To-Contact: ${lines(st.toContact)}`,
    `To-Liaison-Contact (Send to): ${st.toLiaisonContact ?? "(none)"}`,
    `Purpose: ${purposeLabel(st.purpose)}`,
  ];
  if (st.deadline) out.push(`Deadline: ${st.deadline}`);
  if (st.consensus) out.push(`Consensus: ${st.consensus}`);
  if (st.otherIdentifiers.length) out.push(`Other identifiers: ${st.otherIdentifiers.join(", ")}`);
  out.push("", "Attachments:");
  if (st.attachments.length === 0) out.push("  (none)");
  for (const a of st.attachments) out.push(`  ${a.title} (${a.filename}, ${formatSize(a.size)})`, `  ${a.url}`);
  if (st.related.length) {
    out.push("", "Related statements:");
    for (const r of st.related) out.push(`  ${r.relationship}: ${r.title}`, `  ${r.url}`);
  }
  out.push("", "Body:", "", st.body || "(see the attachments)");
  return out.join("\n");
}

export function distributionMail(st: StatementMailView): ComposedMail {
  return {
    subject: `New Liaison Statement, "${st.title}"`,
    // The statement block opens with the title and the URL: saying them here as well made them appear twice.
    body: [
      st.direction === "outgoing"
        ? `This liaison statement is sent by ${groupList(st.from)} to ${groupList(st.to)}.`
        : `This liaison statement from ${groupList(st.from)} was received by the IETF and recorded.`,
      "",
      statementBlock(st),
    ].join("\n"),
  };
}

/** `changedBy`: the statement was changed while pending, so any earlier approval was withdrawn. */
export function approvalRequestMail(
  st: StatementMailView,
  groupsNeedingApproval: string[],
  changedBy?: string,
): ComposedMail {
  return {
    subject: `${changedBy ? "Changed, approval requested again" : "Approval requested"}: liaison statement "${st.title}"`,
    body: [
      ...(changedBy
        ? [
            `${changedBy} changed this outgoing liaison statement after it was submitted. Approvals recorded`,
            "before the change were withdrawn. Review the new version below; it needs your approval",
          ]
        : [`${st.submitter} submitted this outgoing liaison statement, which needs your approval`]),
      `for ${groupsNeedingApproval.join(", ")} (RFC 4053bis §4.1).`,
      "",
      `Review it and approve it, or return it to the submitter, at: ${st.url}`,
      "",
      statementBlock(st),
    ].join("\n"),
  };
}

export function returnedMail(st: StatementMailView, returnedBy: string, comment: string): ComposedMail {
  return {
    subject: `Returned to you: liaison statement "${st.title}"`,
    body: [
      `${returnedBy} returned your liaison statement to draft with this comment:`,
      "",
      comment,
      "",
      `Edit and submit it again at: ${st.url}`,
      "",
      statementBlock(st),
    ].join("\n"),
  };
}

export function acknowledgementMail(st: StatementMailView): ComposedMail {
  return {
    subject: `Received: ${st.title}`,
    body: [
      "Your liaison statement has been received and recorded by the IETF.",
      "",
      `It is published at: ${st.url}`,
      "",
      `Title: ${st.title}`,
      `From: ${groupList(st.from)}`,
      `To: ${groupList(st.to)}`,
      `Purpose: ${purposeLabel(st.purpose)}${st.deadline ? ` (deadline ${st.deadline})` : ""}`,
      st.otherIdentifiers.length ? `Your reference: ${st.otherIdentifiers.join(", ")}` : "",
    ]
      .filter((l, i, all) => l !== "" || i < all.length - 1)
      .join("\n"),
  };
}
