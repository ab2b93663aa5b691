import "server-only";
import type { Direction, StatementState } from "@/generated/prisma/enums";

/**
 * The statement state machine (docs/domain.md "States"). Pure: which transition is allowed from which
 * state, for which direction, and where it leads. Who may take it is the policy's business
 * (authz/policy.ts); every state change in the database goes through state-change.ts, which guards the
 * update with `sourceStates` and writes `targetState` — nothing else writes a statement's state.
 *
 *   draft ─submit→ pending ─approve→ approved ─post→ posted
 *     ↑   ←return──┘                                      │
 *   (incoming) draft ─post→ posted                        │
 *   draft|pending|approved ─withdraw→ withdrawn ←withdraw─┘ (Secretariat only)
 *   draft|pending|approved ─postRecordOnly→ posted (issue 15 §4: no mail; outgoing: Secretariat only)
 */
export type Transition = "submit" | "approve" | "return" | "post" | "postRecordOnly" | "withdraw";

const FROM: Record<Transition, Record<Direction, readonly StatementState[]>> = {
  submit: { outgoing: ["draft"], incoming: [] },
  approve: { outgoing: ["pending"], incoming: [] },
  return: { outgoing: ["pending"], incoming: [] },
  // Outgoing statements post once approved; incoming ones are posted directly by whoever records them.
  post: { outgoing: ["approved"], incoming: ["draft"] },
  // "Post without sending mail": the Secretariat's approval on behalf is recorded on the way (post-record-only.ts).
  postRecordOnly: { outgoing: ["draft", "pending", "approved"], incoming: ["draft"] },
  withdraw: { outgoing: ["draft", "pending", "approved", "posted"], incoming: ["draft", "posted"] },
};

const TO: Record<Exclude<Transition, "approve">, StatementState> = {
  submit: "pending",
  return: "draft",
  post: "posted",
  postRecordOnly: "posted",
  withdraw: "withdrawn",
};

export function canTransition(transition: Transition, direction: Direction, state: StatementState): boolean {
  return FROM[transition][direction].includes(state);
}

/** The states a transition may start from (used as the optimistic-concurrency guard in updates). */
export function sourceStates(transition: Transition, direction: Direction): StatementState[] {
  return [...FROM[transition][direction]];
}

/** The state after the transition; `approve` stays pending until every From group has its approval. */
export function targetState(transition: Transition, allApproved = true): StatementState {
  if (transition === "approve") return allApproved ? "approved" : "pending";
  return TO[transition];
}

/** Public = posted, or withdrawn after it was posted. */
export function isPublicState(state: StatementState, postedAt: Date | null): boolean {
  return state === "posted" || (state === "withdrawn" && postedAt !== null);
}

/** The message a second, late attempt gets (two tabs, two approvers at once). */
export function invalidStateMessage(transition: Transition, state: StatementState): string {
  if (transition === "approve" && (state === "approved" || state === "posted")) {
    return `This statement is already approved${state === "posted" ? " and posted" : ""}.`;
  }
  const now: Record<StatementState, string> = {
    draft: "is a draft",
    pending: "is waiting for approval",
    approved: "is already approved",
    posted: "is already posted",
    withdrawn: "was withdrawn",
  };
  const verb: Record<Transition, string> = {
    submit: "submitted",
    approve: "approved",
    return: "returned",
    post: "posted",
    postRecordOnly: "posted",
    withdraw: "withdrawn",
  };
  return `This statement ${now[state]}, so it cannot be ${verb[transition]}.`;
}
