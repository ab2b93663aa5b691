-- Initial schema: the whole RFC 4053bis data model (hand-written, see docs/decisions/002-hand-written-migrations.md).

-- CreateEnum
CREATE TYPE "OrganizationSide" AS ENUM ('ietf', 'external');

-- CreateEnum
CREATE TYPE "GroupType" AS ENUM ('ietf', 'iesg', 'iab', 'area', 'wg', 'rg', 'sdo');

-- CreateEnum
CREATE TYPE "GroupState" AS ENUM ('active', 'concluded');

-- CreateEnum
CREATE TYPE "RoleName" AS ENUM ('secretariat', 'iab_liaison_coordinator', 'ietf_chair', 'iab_chair', 'ad', 'wg_chair', 'wg_secretary', 'liaison_manager');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('incoming', 'outgoing');

-- CreateEnum
CREATE TYPE "StatementState" AS ENUM ('draft', 'pending', 'approved', 'posted', 'withdrawn');

-- CreateEnum
CREATE TYPE "Purpose" AS ENUM ('information', 'action', 'response', 'comment');

-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('none', 'needed', 'taken');

-- CreateEnum
CREATE TYPE "Consensus" AS ENUM ('wg_consensus', 'chairs_judgement', 'iesg_iab_position', 'none_claimed');

-- CreateEnum
CREATE TYPE "GroupSide" AS ENUM ('from', 'to');

-- CreateEnum
CREATE TYPE "RelationType" AS ENUM ('responds_to', 'related_to');

-- CreateEnum
CREATE TYPE "EventType" AS ENUM ('created', 'edited', 'submitted', 'approved', 'returned', 'posted', 'withdrawn', 'action_needed', 'action_taken', 'assigned', 'attachment_added', 'attachment_removed', 'reminder_sent', 'comment');

-- CreateEnum
CREATE TYPE "MailKind" AS ENUM ('distribution', 'acknowledgement', 'approval_request', 'returned', 'reminder', 'action_closed', 'report', 'sign_in', 'password_reset', 'invitation');

-- CreateEnum
CREATE TYPE "MailState" AS ENUM ('queued', 'sending', 'sent', 'delivered_to_file', 'failed');

-- CreateTable
CREATE TABLE "Organization" (
    "id" SERIAL NOT NULL,
    "acronym" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "url" VARCHAR(512),
    "side" "OrganizationSide" NOT NULL,
    "hasFormalRelationship" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" SERIAL NOT NULL,
    "acronym" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "type" "GroupType" NOT NULL,
    "state" "GroupState" NOT NULL DEFAULT 'active',
    "organizationId" INTEGER NOT NULL,
    "parentId" INTEGER,
    "listAddress" VARCHAR(320),
    "defaultContacts" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "passwordHash" TEXT,
    "canSignIn" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "emailVerified" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailAddress" (
    "id" SERIAL NOT NULL,
    "address" VARCHAR(320) NOT NULL,
    "personId" INTEGER NOT NULL,
    "isPrimary" BOOLEAN NOT NULL DEFAULT false,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" SERIAL NOT NULL,
    "role" "RoleName" NOT NULL,
    "personId" INTEGER NOT NULL,
    "groupId" INTEGER,
    "organizationId" INTEGER,
    "email" VARCHAR(320) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Statement" (
    "id" SERIAL NOT NULL,
    "direction" "Direction" NOT NULL,
    "state" "StatementState" NOT NULL DEFAULT 'draft',
    "title" VARCHAR(255) NOT NULL,
    "purpose" "Purpose" NOT NULL,
    "deadline" DATE,
    "body" TEXT NOT NULL DEFAULT '',
    "fromContact" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "fromLiaisonContact" VARCHAR(512),
    "toContact" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "toLiaisonContact" VARCHAR(512),
    "otherIdentifiers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "consensus" "Consensus",
    "submitterId" INTEGER NOT NULL,
    "submitterRole" "RoleName",
    "submitterRoleGroupId" INTEGER,
    "assigneeId" INTEGER,
    "actionStatus" "ActionStatus" NOT NULL DEFAULT 'none',
    "actionTakenAt" TIMESTAMPTZ(3),
    "receivedOn" DATE,
    "sendAcknowledgement" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "submittedAt" TIMESTAMPTZ(3),
    "approvedAt" TIMESTAMPTZ(3),
    "postedAt" TIMESTAMPTZ(3),
    "withdrawnAt" TIMESTAMPTZ(3),
    "withdrawnReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementGroup" (
    "statementId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "side" "GroupSide" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatementGroup_pkey" PRIMARY KEY ("statementId","side","groupId")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" SERIAL NOT NULL,
    "statementId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "approverId" INTEGER NOT NULL,
    "role" "RoleName" NOT NULL,
    "roleGroupId" INTEGER,
    "onBehalf" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "statementId" INTEGER NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "filename" VARCHAR(255) NOT NULL,
    "contentType" VARCHAR(255) NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "content" BYTEA NOT NULL,
    "uploadedById" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),
    "removedById" INTEGER,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementRelation" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "targetId" INTEGER NOT NULL,
    "relationship" "RelationType" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementRelation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementEvent" (
    "id" SERIAL NOT NULL,
    "statementId" INTEGER NOT NULL,
    "type" "EventType" NOT NULL,
    "actorId" INTEGER,
    "text" TEXT NOT NULL DEFAULT '',
    "data" JSONB,
    "isPublic" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mail" (
    "id" SERIAL NOT NULL,
    "kind" "MailKind" NOT NULL,
    "statementId" INTEGER,
    "messageId" VARCHAR(255) NOT NULL,
    "dedupeKey" VARCHAR(255),
    "fromAddress" VARCHAR(512) NOT NULL,
    "replyTo" VARCHAR(512),
    "to" TEXT[],
    "cc" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "subject" VARCHAR(998) NOT NULL,
    "body" TEXT NOT NULL,
    "state" "MailState" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Mail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "actorId" INTEGER,
    "entityType" VARCHAR(64) NOT NULL,
    "entityId" INTEGER,
    "action" VARCHAR(64) NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "changes" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationToken" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" SERIAL NOT NULL,
    "key" VARCHAR(400) NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_acronym_key" ON "Organization"("acronym");

-- CreateIndex
CREATE UNIQUE INDEX "Group_acronym_key" ON "Group"("acronym");

-- CreateIndex
CREATE INDEX "Group_organizationId_idx" ON "Group"("organizationId");

-- CreateIndex
CREATE INDEX "Group_parentId_idx" ON "Group"("parentId");

-- CreateIndex
CREATE INDEX "Group_type_state_idx" ON "Group"("type", "state");

-- CreateIndex
CREATE UNIQUE INDEX "EmailAddress_address_key" ON "EmailAddress"("address");

-- CreateIndex
CREATE INDEX "EmailAddress_personId_idx" ON "EmailAddress"("personId");

-- CreateIndex
CREATE INDEX "RoleAssignment_personId_idx" ON "RoleAssignment"("personId");

-- CreateIndex
CREATE INDEX "RoleAssignment_groupId_role_idx" ON "RoleAssignment"("groupId", "role");

-- CreateIndex
CREATE INDEX "RoleAssignment_organizationId_role_idx" ON "RoleAssignment"("organizationId", "role");

-- CreateIndex
CREATE INDEX "RoleAssignment_role_idx" ON "RoleAssignment"("role");

-- CreateIndex
CREATE INDEX "Statement_state_postedAt_idx" ON "Statement"("state", "postedAt" DESC);

-- CreateIndex
CREATE INDEX "Statement_state_deadline_idx" ON "Statement"("state", "deadline");

-- CreateIndex
CREATE INDEX "Statement_direction_state_idx" ON "Statement"("direction", "state");

-- CreateIndex
CREATE INDEX "Statement_submitterId_idx" ON "Statement"("submitterId");

-- CreateIndex
CREATE INDEX "Statement_assigneeId_idx" ON "Statement"("assigneeId");

-- CreateIndex
CREATE INDEX "Statement_actionStatus_deadline_idx" ON "Statement"("actionStatus", "deadline");

-- CreateIndex
CREATE INDEX "StatementGroup_groupId_side_idx" ON "StatementGroup"("groupId", "side");

-- CreateIndex
CREATE INDEX "Approval_approverId_idx" ON "Approval"("approverId");

-- CreateIndex
CREATE UNIQUE INDEX "Approval_statementId_groupId_key" ON "Approval"("statementId", "groupId");

-- CreateIndex
CREATE INDEX "Attachment_statementId_idx" ON "Attachment"("statementId");

-- CreateIndex
CREATE INDEX "StatementRelation_targetId_idx" ON "StatementRelation"("targetId");

-- CreateIndex
CREATE UNIQUE INDEX "StatementRelation_sourceId_targetId_relationship_key" ON "StatementRelation"("sourceId", "targetId", "relationship");

-- CreateIndex
CREATE INDEX "StatementEvent_statementId_createdAt_idx" ON "StatementEvent"("statementId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Mail_messageId_key" ON "Mail"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "Mail_dedupeKey_key" ON "Mail"("dedupeKey");

-- CreateIndex
CREATE INDEX "Mail_state_nextAttemptAt_idx" ON "Mail"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Mail_statementId_idx" ON "Mail"("statementId");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "Account_personId_idx" ON "Account"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_token_key" ON "VerificationToken"("token");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_identifier_token_key" ON "VerificationToken"("identifier", "token");

-- CreateIndex
CREATE INDEX "SignInAttempt_key_createdAt_idx" ON "SignInAttempt"("key", "createdAt");

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailAddress" ADD CONSTRAINT "EmailAddress_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_submitterId_fkey" FOREIGN KEY ("submitterId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementGroup" ADD CONSTRAINT "StatementGroup_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementGroup" ADD CONSTRAINT "StatementGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_removedById_fkey" FOREIGN KEY ("removedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementRelation" ADD CONSTRAINT "StatementRelation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementRelation" ADD CONSTRAINT "StatementRelation_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementEvent" ADD CONSTRAINT "StatementEvent_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementEvent" ADD CONSTRAINT "StatementEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mail" ADD CONSTRAINT "Mail_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
