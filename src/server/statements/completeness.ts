import { daysBetween, isoDate } from "@/lib/dates";
import { PAST_DEADLINE_QUESTION } from "@/lib/form-questions";

/**
 * Issue 15 §2: "Save draft" needs only a Title and a From group; everything else RFC 4053bis requires is
 * checked when the statement leaves the draft state (Submit for outgoing, Post for incoming), with the same
 * field messages the form always showed. Pure: used by the form schema (all errors at once) and by the
 * submit/post use-cases (the statement page's buttons carry no fields, so the stored draft is checked).
 */
export interface CompletenessFacts {
  to: readonly number[];
  fromContact: readonly string[];
  toContact: readonly string[];
  purpose: string | null | undefined;
  deadline: Date | null | undefined;
  respondsTo: readonly number[];
  /** a body, or at least one attachment */
  hasContent: boolean;
}

export const REQUIRED_MESSAGES = {
  to: "Choose at least one receiving group.",
  fromContact: "Enter at least one From-Contact address.",
  toContact: "Enter at least one To-Contact address.",
  purpose: "Choose a purpose.",
  deadline: "A For action statement needs a deadline.",
  respondsTo: "Choose the statement(s) this one responds to.",
  body: "Enter a body or attach at least one document.",
} as const;

export type CompletenessField = keyof typeof REQUIRED_MESSAGES;

/** The fields a statement still lacks before it may be submitted or posted, with their messages. */
export function missingForSubmission(facts: CompletenessFacts): Partial<Record<CompletenessField, string>> {
  const missing: Partial<Record<CompletenessField, string>> = {};
  if (facts.to.length === 0) missing.to = REQUIRED_MESSAGES.to;
  if (facts.fromContact.length === 0) missing.fromContact = REQUIRED_MESSAGES.fromContact;
  if (facts.toContact.length === 0) missing.toContact = REQUIRED_MESSAGES.toContact;
  if (!facts.purpose) missing.purpose = REQUIRED_MESSAGES.purpose;
  if (facts.purpose === "action" && !facts.deadline) missing.deadline = REQUIRED_MESSAGES.deadline;
  if (facts.purpose === "response" && facts.respondsTo.length === 0) missing.respondsTo = REQUIRED_MESSAGES.respondsTo;
  if (!facts.hasContent) missing.body = REQUIRED_MESSAGES.body;
  return missing;
}

/**
 * A For-action deadline before today (UTC date): refused at Submit for an outgoing statement (the peer
 * cannot act on it); for an incoming one it is the peer's date and may be recorded once confirmed.
 * Returns the deadline field's message, or null.
 */
export function pastDeadlineProblem(
  direction: "incoming" | "outgoing",
  purpose: string | null | undefined,
  deadline: Date | null | undefined,
  confirmed: boolean,
  now = new Date(),
): string | null {
  if (purpose !== "action" || !deadline || daysBetween(now, deadline) >= 0) return null;
  if (direction === "outgoing") {
    return `The deadline ${isoDate(deadline)} has already passed; choose a later date before submitting.`;
  }
  return confirmed ? null : `${PAST_DEADLINE_QUESTION} (${isoDate(deadline)}) Tick "Record it anyway" and post again.`;
}
