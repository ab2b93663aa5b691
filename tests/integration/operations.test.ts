/**
 * Issue 19, for operators: what /readyz reads from the database (both engines), and the mail worker stopping
 * mid-batch on a graceful shutdown — the mail being sent is recorded, the rest of its claim is queued again.
 */
import { describe, expect, it } from "vitest";
import type { Mail } from "@/generated/prisma/client";
import { deliverDueMail } from "@/server/mail/deliver";
import type { MailTransport } from "@/server/mail/transport";
import { evaluateReadiness, readinessFacts } from "@/server/ops/health";
import { useTestDatabase } from "../support/test-database";

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest helper named like a hook, not a React hook
const db = useTestDatabase();

const mail = (messageId: string, extra: Record<string, unknown> = {}) => ({
  kind: "approval_request" as const,
  messageId,
  fromAddress: "liaison-statements@ietf.org",
  to: ["ad@example.org"],
  subject: "Approval needed",
  body: "Please approve.",
  ...extra,
});

describe("readiness facts", () => {
  it("sees every migration applied, counts the outbox by state and the oldest waiting mail", async () => {
    const prisma = db().prisma;
    const now = Date.now();
    await prisma.mail.create({ data: mail("<old@test>", { createdAt: new Date(now - 20 * 60_000) }) });
    await prisma.mail.create({ data: mail("<new@test>") });
    await prisma.mail.create({
      data: mail("<failed@test>", { state: "failed", createdAt: new Date(now - 86_400_000) }),
    });
    await prisma.mail.create({ data: mail("<sent@test>", { state: "sent", createdAt: new Date(now - 86_400_000) }) });

    const facts = await readinessFacts();
    expect(facts.database.ok).toBe(true);
    expect(facts.migrations).toEqual({ pending: [], unknown: [] });
    expect(facts.outbox).toMatchObject({ queued: 2, sending: 0, failed: 1 });
    const readiness = evaluateReadiness({ ...facts, worker: null }, now);
    expect(readiness.outbox?.oldestQueuedAgeSeconds).toBeGreaterThanOrEqual(1_199);
    expect(readiness.warnings).toEqual([
      "mail has been waiting 20 minutes: is the SMTP server refusing?",
      "1 mail failed for good (see /outbox)",
    ]);
    // No worker in a test process: not ready, and the JSON says why.
    expect(readiness.status).toBe("not_ready");
    expect(readiness.checks.mailWorker).toMatchObject({ ok: false, reason: "no mail worker runs in this process" });
  });

  it("notices a migration applied by a newer build (this build would run on a schema it does not know)", async () => {
    await db().prisma.$executeRaw`
      INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
      VALUES ('00000000-0000-0000-0000-000000000019', 'x', '29991231000000_from_the_future', now(), 1)`;
    const facts = await readinessFacts();
    expect(facts.migrations).toEqual({ pending: [], unknown: ["29991231000000_from_the_future"] });
    await db().prisma
      .$executeRaw`DELETE FROM "_prisma_migrations" WHERE migration_name = '29991231000000_from_the_future'`;
  });
});

describe("the mail worker stopping mid-batch", () => {
  it("records the mail it was sending and gives the rest of its claim back, attempts not counted", async () => {
    const prisma = db().prisma;
    // (the mails of the test before were delivered or parked first)
    await prisma.mail.updateMany({ where: { state: "queued" }, data: { state: "sent" } });
    for (const id of ["<a@test>", "<b@test>", "<c@test>"]) await prisma.mail.create({ data: mail(id) });
    let stopping = false;
    const sent: string[] = [];
    const transport: MailTransport = {
      method: "smtp",
      send: async (m: Mail) => {
        sent.push(m.messageId);
        stopping = true; // the signal arrives while the first mail is being sent
      },
    };
    const report = await deliverDueMail(transport, { shouldStop: () => stopping });
    expect(report.delivered).toBe(1);
    const rows = await prisma.mail.findMany({
      where: { messageId: { in: ["<a@test>", "<b@test>", "<c@test>"] } },
      orderBy: { messageId: "asc" },
      select: { messageId: true, state: true, attempts: true, lockedAt: true },
    });
    expect(rows).toEqual([
      { messageId: "<a@test>", state: "sent", attempts: 1, lockedAt: null },
      { messageId: "<b@test>", state: "queued", attempts: 0, lockedAt: null },
      { messageId: "<c@test>", state: "queued", attempts: 0, lockedAt: null },
    ]);
    expect(sent).toEqual(["<a@test>"]);
  });
});
