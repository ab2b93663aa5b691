-- Issue 17: group contact lists follow the Datatracker's contact roles when they end
-- (docs/decisions/015-datatracker-import.md). The importer records which entries of a group's contact lists it
-- derived from liaison_contact / liaison_cc_contact roles, so a re-import can take out the people whose role
-- ended while keeping the entries added here.
ALTER TABLE "Group" ADD COLUMN "importedContacts" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Group" ADD COLUMN "importedCcContacts" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Groups imported before this change: their lists are taken as the import's (the importer wrote them whole).
UPDATE "Group" SET "importedContacts" = "defaultContacts", "importedCcContacts" = "defaultCcContacts"
  WHERE "datatrackerId" IS NOT NULL;
