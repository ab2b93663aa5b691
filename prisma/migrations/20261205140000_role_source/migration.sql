-- Issue 17, "Sign in with a Datatracker account" (docs/decisions/016-datatracker-sign-in.md).
-- Where a role came from: the Datatracker (its OpenID `roles` claim at sign-in, or the importer) or this
-- tool (granted by the Secretariat, "local"). A sign-in removes Datatracker roles no longer in the claim,
-- never local ones.
ALTER TABLE "RoleAssignment" ADD COLUMN "fromDatatracker" BOOLEAN NOT NULL DEFAULT false;

-- Roles the importer brought in came from the Datatracker.
UPDATE "RoleAssignment" SET "fromDatatracker" = true WHERE "datatrackerId" IS NOT NULL;
