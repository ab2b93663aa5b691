/**
 * A mail claimed (`sending`) by a worker that then died: on the embedded database (one process only) the next
 * start makes it due at once; on PostgreSQL, where another worker may still be sending it, the claim keeps its
 * 5-minute lease. e2e/crash-safety.spec.ts shows the same across a real SIGKILL.
 */
import { describe, expect, it } from "vitest";
import type { Mail } from "@/generated/prisma/client";
import { deliverDueMail, releaseOrphanedClaims } from "@/server/mail/deliver";
import type { MailTransport } from "@/server/mail/transport";
import { testEngine, useTestDatabase } from "../support/test-database";

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest helper named like a hook, not a React hook
const db = useTestDatabase();

function recordingTransport(): MailTransport & { sent: string[] } {
  const sent: string[] = [];
  return { method: "smtp", sent, send: async (mail: Mail) => void sent.push(mail.messageId) };
}

const mail = (messageId: string, extra: Record<string, unknown>) => ({
  kind: "approval_request" as const,
  messageId,
  fromAddress: "liaison-statements@ietf.org",
  to: ["ad@example.org"],
  subject: "Approval needed",
  body: "Please approve.",
  ...extra,
});

describe("mail left sending by a crashed run", () => {
  it(`is ${testEngine === "pglite" ? "due again at the next start" : "left to its lease"} on ${testEngine}`, async () => {
    const prisma = db().prisma;
    const claimedAt = new Date(Date.now() - 60_000); // claimed a minute ago, well inside the 5-minute lease
    await prisma.mail.create({ data: mail("<stuck@test>", { state: "sending", lockedAt: claimedAt, attempts: 1 }) });
    await prisma.mail.create({ data: mail("<waiting@test>", { state: "queued" }) });

    const released = await releaseOrphanedClaims();
    const transport = recordingTransport();
    await deliverDueMail(transport);
    const states = await prisma.mail.findMany({
      select: { messageId: true, state: true },
      orderBy: { messageId: "asc" },
    });

    if (testEngine === "pglite") {
      expect(released).toBe(1);
      expect(transport.sent.sort()).toEqual(["<stuck@test>", "<waiting@test>"]);
      expect(states).toEqual([
        { messageId: "<stuck@test>", state: "sent" },
        { messageId: "<waiting@test>", state: "sent" },
      ]);
    } else {
      expect(released).toBe(0);
      expect(transport.sent).toEqual(["<waiting@test>"]);
      expect(states).toEqual([
        { messageId: "<stuck@test>", state: "sending" },
        { messageId: "<waiting@test>", state: "sent" },
      ]);
    }
  });
});
