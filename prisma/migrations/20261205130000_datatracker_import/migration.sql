-- Issue 17: import from the IETF Datatracker (docs/decisions/015-datatracker-import.md).
-- Datatracker ids of groups, people, roles, attachments, relations and events, so a re-run matches them;
-- the statement keeps the Datatracker's liaison id as its own id.

-- A historical For-action statement without the `taken` tag: action status unknown, never reminded of.
ALTER TYPE "ActionStatus" ADD VALUE 'unknown_imported';

ALTER TABLE "Group" ADD COLUMN "defaultCcContacts" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Group" ADD COLUMN "datatrackerId" INTEGER;
CREATE UNIQUE INDEX "Group_datatrackerId_key" ON "Group"("datatrackerId");

ALTER TABLE "Person" ADD COLUMN "datatrackerId" INTEGER;
CREATE UNIQUE INDEX "Person_datatrackerId_key" ON "Person"("datatrackerId");

ALTER TABLE "RoleAssignment" ADD COLUMN "datatrackerId" INTEGER;
CREATE UNIQUE INDEX "RoleAssignment_datatrackerId_key" ON "RoleAssignment"("datatrackerId");

ALTER TABLE "Statement" ADD COLUMN "isImported" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Statement" ADD COLUMN "importHash" CHAR(64);
ALTER TABLE "Statement" ADD COLUMN "importedVersion" INTEGER;
ALTER TABLE "Statement" ADD COLUMN "importedAt" TIMESTAMPTZ(3);
ALTER TABLE "Statement" ADD COLUMN "legacyTechnicalContacts" TEXT;
ALTER TABLE "Statement" ADD COLUMN "legacyCcContacts" TEXT;
ALTER TABLE "Statement" ADD COLUMN "legacyActionHolderContacts" TEXT;

ALTER TABLE "Attachment" ADD COLUMN "datatrackerId" INTEGER;
ALTER TABLE "Attachment" ADD COLUMN "isFileMissing" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Attachment" ADD COLUMN "originalUrl" VARCHAR(1024);
CREATE UNIQUE INDEX "Attachment_datatrackerId_key" ON "Attachment"("datatrackerId");

ALTER TABLE "StatementRelation" ADD COLUMN "datatrackerId" INTEGER;
CREATE UNIQUE INDEX "StatementRelation_datatrackerId_key" ON "StatementRelation"("datatrackerId");

ALTER TABLE "StatementEvent" ADD COLUMN "datatrackerId" INTEGER;
CREATE UNIQUE INDEX "StatementEvent_datatrackerId_key" ON "StatementEvent"("datatrackerId");
