// Human labels for the domain's enum values (docs/domain.md wording). Shared by pages, mail and API docs.
import type { ActionStatus, Consensus, GroupType, Purpose, RoleName, StatementState } from "@/generated/prisma/enums";

export const ROLE_LABELS: Record<RoleName, string> = {
  secretariat: "Secretariat",
  iab_liaison_coordinator: "IAB liaison coordinator",
  ietf_chair: "IETF Chair",
  iab_chair: "IAB Chair",
  ad: "AD",
  wg_chair: "Chair",
  wg_secretary: "Secretary",
  liaison_manager: "Liaison manager",
};

export const GROUP_TYPE_LABELS: Record<GroupType, string> = {
  ietf: "IETF",
  iesg: "IESG",
  iab: "IAB",
  area: "Area",
  wg: "Working group",
  rg: "Research group",
  sdo: "Standards body",
};

export const PURPOSE_LABELS: Record<Purpose, string> = {
  information: "For information",
  action: "For action",
  response: "In response",
  comment: "For comment",
};

/** A draft may be saved before its purpose is chosen (issue 15 §2); everything submitted has one. */
export function purposeLabel(purpose: Purpose | null): string {
  return purpose ? PURPOSE_LABELS[purpose] : "Purpose not chosen yet";
}

export const CONSENSUS_LABELS: Record<Consensus, string> = {
  wg_consensus: "WG consensus",
  chairs_judgement: "Chairs' / AD's judgement",
  iesg_iab_position: "IESG/IAB position",
  none_claimed: "None claimed",
};

export const STATE_LABELS: Record<StatementState, string> = {
  draft: "Draft",
  pending: "Pending approval",
  approved: "Approved",
  posted: "Posted",
  withdrawn: "Withdrawn",
};

/** The statement page's "Action" row; `unknown_imported`: a historical Datatracker statement (issue 17). */
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  none: "—",
  needed: "Needed",
  taken: "Taken",
  unknown_imported: "Unknown (imported from the Datatracker; no reminders)",
};
