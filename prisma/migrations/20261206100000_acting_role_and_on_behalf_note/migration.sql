-- Issue 15, section 5 (docs/decisions/017-approval-on-behalf.md).
-- An approval "on behalf" (Secretariat, IAB liaison coordinators) names who approved and how
-- ("Ada Lindqvist approved by mail on 2026-12-01"); NULL for an approver's own approval.
ALTER TABLE "Approval" ADD COLUMN "onBehalfNote" TEXT;

-- The organization of the role the submitter acted in (a liaison manager for a whole organization);
-- the role and its group were recorded already (submitterRole, submitterRoleGroupId).
ALTER TABLE "Statement" ADD COLUMN "submitterRoleOrganizationId" INTEGER;
