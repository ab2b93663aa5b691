-- Issue 18 (docs/decisions/025-inbound-mail.md): incoming drafts made from a received e-mail. The original
-- message's bytes are in the attachment store (ADR 012) under "rawSha256"; the sweep keeps them.
ALTER TYPE "MailKind" ADD VALUE 'inbound_draft';

CREATE TABLE "InboundMail" (
    "id" SERIAL NOT NULL,
    "statementId" INTEGER NOT NULL,
    "messageId" VARCHAR(998),
    "sender" VARCHAR(998),
    "subject" TEXT NOT NULL DEFAULT '',
    "sentAt" TIMESTAMPTZ(3),
    "channel" VARCHAR(16) NOT NULL,
    "rawSha256" CHAR(64) NOT NULL,
    "rawSize" INTEGER NOT NULL,
    "sources" JSONB NOT NULL DEFAULT '{}',
    "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMail_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "InboundMail_statementId_key" ON "InboundMail"("statementId");
CREATE UNIQUE INDEX "InboundMail_messageId_key" ON "InboundMail"("messageId");
CREATE INDEX "InboundMail_rawSha256_idx" ON "InboundMail"("rawSha256");

ALTER TABLE "InboundMail" ADD CONSTRAINT "InboundMail_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
