-- Issue 15 §2: "Save draft" needs only a Title and a From group; the purpose (and the rest) is checked at
-- Submit/Post (src/server/statements/completeness.ts). A draft may therefore have no purpose yet; every
-- submitted, approved or posted statement still has one (the use-cases refuse to submit or post without it).
ALTER TABLE "Statement" ALTER COLUMN "purpose" DROP NOT NULL;
