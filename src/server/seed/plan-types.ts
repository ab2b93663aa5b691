import "server-only";
import type { ActionStatus, EventType, RoleName } from "@/generated/prisma/enums";
import type { DemoStatement } from "./demo-types";

/**
 * The shapes of a planned demo statement (plan-statement.ts) and of its history (plan-events.ts), apart from both:
 * each planner uses them, and the statement's planner calls the history's.
 */

/** One history row; `actor` is an e-mail address, absent for what the system did by itself. */
export interface PlannedEvent {
  type: EventType;
  actor?: string;
  at: Date;
  text: string;
  isPublic: boolean;
  data?: Record<string, string | number | boolean>;
}

export interface PlannedApproval {
  group: string;
  approver: string;
  role: RoleName;
  roleGroup?: string;
  onBehalf: boolean;
  at: Date;
}

export interface StatementTimeline {
  createdAt: Date;
  submittedAt?: Date;
  approvedAt?: Date;
  postedAt?: Date;
  withdrawnAt?: Date;
  receivedOn?: Date;
  deadline?: Date;
}

export interface StatementPlan extends StatementTimeline {
  spec: DemoStatement;
  submitterRoleGroup?: string;
  approvals: PlannedApproval[];
  actionStatus: ActionStatus;
  actionTakenAt?: Date;
  assignee?: string;
  /** set when a posted reply closed the action */
  closedBy?: DemoStatement;
  events: PlannedEvent[];
}
