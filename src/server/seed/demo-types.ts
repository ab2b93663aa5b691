import "server-only";
import type {
  Consensus,
  Direction,
  GroupState,
  GroupType,
  OrganizationSide,
  Purpose,
  RoleName,
  StatementState,
} from "@/generated/prisma/enums";

/** Shapes of the demo data. Everything refers to other rows by natural key (acronym, e-mail address). */

export interface DemoOrganization {
  acronym: string;
  name: string;
  url: string;
  side: OrganizationSide;
  hasFormalRelationship: boolean;
}

export interface DemoGroup {
  acronym: string;
  name: string;
  type: GroupType;
  organization: string;
  /** acronym of the parent group; parents are listed before their children */
  parent?: string;
  state?: GroupState;
  listAddress?: string;
  defaultContacts?: readonly string[];
}

export interface DemoRole {
  role: RoleName;
  /** acronym of the group the role is on */
  group?: string;
  /** acronym of the organization (liaison managers of a whole SDO) */
  organization?: string;
  /** the address used in this role; defaults to the person's primary address */
  email?: string;
}

export interface DemoPerson {
  name: string;
  email: string;
  otherEmails?: readonly string[];
  /** only demo accounts have one; everyone else cannot sign in */
  password?: string;
  roles: readonly DemoRole[];
}

export interface DemoAttachment {
  title: string;
  filename: string;
  kind: "pdf" | "text";
  /** the document text: rendered into the PDF, or the plain-text file itself */
  text: string;
}

/** Who did something, and when (days before the seed's reference time; fractions allowed). */
export interface DemoAct {
  by: string;
  daysAgo: number;
}

export interface DemoStatement {
  /** unique, stable key used by relations in the demo data (never stored) */
  key: string;
  direction: Direction;
  /** the final state; the events and dates leading to it are derived (see plan-statement.ts) */
  state: StatementState;
  title: string;
  purpose: Purpose;
  from: readonly string[];
  to: readonly string[];
  fromContact: readonly string[];
  fromLiaisonContact?: string;
  toContact: readonly string[];
  toLiaisonContact?: string;
  otherIdentifiers?: readonly string[];
  consensus?: Consensus;
  body: string;
  /** submitter's e-mail address and the role they acted in (its group is looked up in the directory) */
  submitter: string;
  submitterRole: RoleName;
  createdDaysAgo: number;
  /** outgoing: days between submission and approval (default 2) */
  approvalLagDays?: number;
  /** `For action` only: days from the reference time (negative = in the past) */
  deadlineInDays?: number;
  respondsTo?: readonly string[];
  relatedTo?: readonly string[];
  /** posted `For action`: who must act; defaults to the submitter */
  assignee?: string;
  /** posted `For action` closed by hand (closing by a posted reply is derived automatically) */
  actionTaken?: DemoAct & { note: string };
  /** draft that an approver returned to the submitter */
  returned?: DemoAct & { comment: string };
  /** state `withdrawn`: the state it was withdrawn from (only the Secretariat withdraws posted ones) */
  withdrawn?: DemoAct & { reason: string; from: "draft" | "pending" | "posted" };
  /** approvals made on behalf of the approver, by the Secretariat or a coordinator */
  approvedOnBehalfBy?: string;
  attachments?: readonly DemoAttachment[];
  /** legacy record imported from the Datatracker (the `For comment` ones) */
  imported?: boolean;
}
