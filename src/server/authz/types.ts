import "server-only";
import type { ActionStatus, Direction, GroupType, Purpose, RoleName, StatementState } from "@/generated/prisma/enums";

/** A role the actor holds, on a group, an organization, or nothing (Secretariat). */
export interface ActorRole {
  role: RoleName;
  groupId: number | null;
  organizationId: number | null;
}

/** The signed-in person as the domain sees them. `null` actor = signed out. */
export interface Actor {
  personId: number;
  name: string;
  email: string;
  roles: ActorRole[];
}

/** The facts about a group that permissions depend on. */
export interface GroupRef {
  id: number;
  acronym: string;
  name: string;
  type: GroupType;
  organizationId: number;
  parentId: number | null;
  isExternal: boolean;
  isActive: boolean;
  /** the organization's name ("3GPP"), for labels such as "Liaison manager, 3GPP" (absent in hand-built indexes) */
  organizationName?: string;
}

/** Every group by id: permissions walk parents (a WG's area, a 3GPP WG's TSG). */
export type GroupIndex = ReadonlyMap<number, GroupRef>;

/** The facts about a statement that permissions depend on. */
export interface StatementRef {
  direction: Direction;
  state: StatementState;
  submitterId: number;
  assigneeId: number | null;
  postedAt: Date | null;
  fromGroupIds: readonly number[];
  toGroupIds: readonly number[];
  /** issue 15: closing an outgoing For-action statement needs these (absent = not a For-action statement) */
  purpose?: Purpose | null;
  actionStatus?: ActionStatus;
}
