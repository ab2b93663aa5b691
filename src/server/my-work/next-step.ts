import "server-only";
import { isoDate } from "@/lib/dates";

/**
 * Issue 15 §2, "My statements": why a statement is on a person's list and what they do next. Pure: the
 * query (my-statements.ts) gathers the facts, this decides the words, so every row reads the same way.
 */
export type MyStatementReason =
  /** a draft I created, or one of my From groups' drafts (co-chairs write together) */
  | "draft"
  /** a draft an approver sent back with a comment */
  | "returned"
  /** submitted, waiting for approval */
  | "pending"
  /** approved, not yet posted */
  | "approved"
  /** posted recently */
  | "posted"
  /** not public, of a relationship I look after (liaison managers, coordinators, Secretariat) */
  | "looked-after";

export interface NextStepFacts {
  reason: MyStatementReason;
  direction: "incoming" | "outgoing";
  state: "draft" | "pending" | "approved" | "posted" | "withdrawn";
  /** the form's labels of the fields Submit/Post still needs (completeness.ts) */
  missing: readonly string[];
  /** for a pending statement: who must still approve ("Ada Lindqvist or Tomás Novak (AD of …)") */
  waitingFor: readonly string[];
  /** the actor may approve it themselves */
  mayApprove: boolean;
  purpose: string | null;
  deadline: Date | null;
  actionStatus: "none" | "needed" | "taken" | "unknown_imported";
  /** an outgoing For-action statement still awaiting the peer's reply */
  awaitingReply: boolean;
  returnedBy: string | null;
  submitter: string;
}

const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

/** The one sentence the row shows under "Next step". */
export function nextStep(f: NextStepFacts): string {
  const send = f.direction === "incoming" ? "post" : "submit";
  const finish = f.missing.length ? `Add ${list(f.missing)}, then ${send} it.` : `Review it and ${send} it.`;
  switch (f.reason) {
    case "returned":
      return `Returned${f.returnedBy ? ` by ${f.returnedBy}` : ""}: address the comment, then submit it again.`;
    case "draft":
      return finish;
    case "pending":
      if (f.mayApprove) return "Approve it or return it to the submitter.";
      return f.waitingFor.length ? `Waiting for approval by ${list(f.waitingFor)}.` : "Waiting for approval.";
    case "approved":
      return "Approved; waiting to be posted by the Secretariat.";
    case "posted":
      if (f.direction === "outgoing" && f.awaitingReply) {
        return `Awaiting the reply${f.deadline ? ` (deadline ${isoDate(f.deadline)})` : ""}.`;
      }
      if (f.direction === "incoming" && f.actionStatus === "needed") {
        return `Action needed${f.deadline ? ` by ${isoDate(f.deadline)}` : ""}: mark it taken when done.`;
      }
      return "Nothing to do: it is posted.";
    case "looked-after":
      switch (f.state) {
        case "draft":
          return `Draft by ${f.submitter}: nothing to do until it is submitted.`;
        case "pending":
          if (f.mayApprove) return "Approve it (on behalf) or return it, after consulting the approvers.";
          return `Waiting for approval by ${list(f.waitingFor) || "its approvers"}: be ready to be consulted before it is sent.`;
        case "approved":
          return "Approved; it is posted by the system or the Secretariat.";
        default:
          return "Nothing to do.";
      }
  }
}
