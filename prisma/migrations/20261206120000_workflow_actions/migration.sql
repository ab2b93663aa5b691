-- Issue 15, sections 3 and 4 (docs/decisions/019-actions-that-end-record-only-resend-comments.md).
-- New mail: the assignment notice and a comment on a pending statement. A resend is a distribution mail
-- again; posting "record only" sends none. New history entry: a resent distribution mail.
ALTER TYPE "MailKind" ADD VALUE 'assignment';
ALTER TYPE "MailKind" ADD VALUE 'comment';
ALTER TYPE "EventType" ADD VALUE 'resent';
