/**
 * Issue 19, "no mail storm at start": a reminder run's cost must not grow by ~9 SQL statements per reminder,
 * nor the delivery of a burst of mail by one statement per mail. On a 100k archive the first run queues ≈ 400
 * reminders at once; each used to be a transaction of its own (a count, the statement, the directory lookups,
 * the mail, the event). These tests count the statements at the driver (every statement Prisma sends, inside
 * transactions too) for a run of 60 reminders and the delivery of their mails, and check that two runs at
 * once still queue each milestone exactly once. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withQueryCount } from "@/server/db/query-count";
import { deliverDueMail } from "@/server/mail/deliver";
import { fileTransport, smtpTransport } from "@/server/mail/transport";
import { sendDueReminders } from "@/server/reminders/send-reminders";
import { groupId, setupDemoWorld } from "../support/demo-world";
import { freeLoopbackPort, startSmtpSink } from "../support/smtp-sink";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const now = new Date(`${isoDay(new Date())}T09:00:00Z`);
const midnight = new Date(`${isoDay(now)}T00:00:00Z`);

/** `count` open For-action statements, half incoming and half outgoing, deadlines 3 days ahead (d-3 due). */
async function openActions(count: number, title: string): Promise<number[]> {
  const db = world();
  const sa = await groupId(db, "3gpp-tsg-sa");
  const quic = await groupId(db, "quic");
  const httpbis = await groupId(db, "httpbis");
  const people = await db.prisma.emailAddress.findMany({
    where: { address: { in: ["lm-3gpp@example.org", "chair@example.org", "ad@example.org"] } },
  });
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const incoming = i % 2 === 0;
    const person = people[i % people.length]!;
    const st = await db.prisma.statement.create({
      data: {
        direction: incoming ? "incoming" : "outgoing",
        state: "posted",
        title: `${title} ${i}`,
        purpose: "action",
        deadline: new Date(midnight.getTime() + 3 * DAY),
        body: `Open action ${i}.`,
        submitterId: person.personId,
        assigneeId: i % 3 === 0 ? null : person.personId,
        actionStatus: "needed",
        postedAt: new Date(midnight.getTime() - 30 * DAY),
        groups: {
          create: incoming
            ? [
                { groupId: sa, side: "from" },
                { groupId: i % 4 === 0 ? httpbis : quic, side: "to" },
              ]
            : [
                { groupId: quic, side: "from" },
                { groupId: sa, side: "to" },
              ],
        },
      },
    });
    ids.push(st.id);
  }
  return ids;
}

const reminderMails = (ids: number[]) =>
  world().prisma.mail.findMany({ where: { kind: "reminder", statementId: { in: ids } }, orderBy: { id: "asc" } });

describe(`a burst of reminders (${testEngine})`, () => {
  it("60 reminders are queued in a few SQL statements, not ~9 each; a second run adds none", async () => {
    const ids = await openActions(60, "Batch reminder");
    const { report, queries } = await withQueryCount(async (tally) => ({
      report: await sendDueReminders(now),
      queries: tally,
    }));
    // (the demo world's own open action, due today too, is one more)
    expect(report).toEqual({ queued: 61, alreadySent: 0, failed: 0 });
    const mails = await reminderMails(ids);
    expect(mails.map((m) => m.statementId)).toEqual(ids);
    expect(new Set(mails.map((m) => m.dedupeKey))).toEqual(new Set(ids.map((id) => `reminder:${id}:d-3`)));
    const events = await world().prisma.statementEvent.findMany({
      where: { statementId: { in: ids }, type: "reminder_sent" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => (e.data as { mailId: number }).mailId)).toEqual(mails.map((m) => m.id));
    console.log(`[reminders] 60 reminders queued with ${queries.queries} SQL statements (${testEngine})`);
    // Before issue 19's batching: ≈ 560 (a transaction per reminder). Now a fixed few per run and per batch.
    expect(queries.queries).toBeLessThanOrEqual(30);

    const again = await withQueryCount(async (tally) => ({ report: await sendDueReminders(now), queries: tally }));
    expect(again.report).toEqual({ queued: 0, alreadySent: 61, failed: 0 });
    expect(again.queries.queries).toBeLessThanOrEqual(8);
  });

  it("two runs at once over 50 due reminders queue each exactly once, with one event each", async () => {
    const ids = await openActions(50, "Concurrent batch reminder");
    const reports = await Promise.all([sendDueReminders(now), sendDueReminders(now), sendDueReminders(now)]);
    expect(reports.reduce((sum, r) => sum + r.queued, 0)).toBe(50);
    // each run saw the same due milestones (these 50 and the earlier test's 61), queued or found them sent
    expect(reports.map((r) => [r.failed, r.queued + r.alreadySent])).toEqual([
      [0, 111],
      [0, 111],
      [0, 111],
    ]);
    const mails = await reminderMails(ids);
    expect(mails).toHaveLength(50);
    const events = await world().prisma.statementEvent.findMany({
      where: { statementId: { in: ids }, type: "reminder_sent" },
    });
    expect(events.map((e) => (e.data as { mailId: number }).mailId).sort((a, b) => a - b)).toEqual(
      mails.map((m) => m.id),
    );
  });

  it("delivering a burst of 110 mails: one statement per claim of 25 and one record per mail, no transaction per mail", async () => {
    // The mails of the two tests above, and whatever the demo world queued.
    const due = await world().prisma.mail.count({ where: { state: "queued" } });
    expect(due).toBeGreaterThanOrEqual(110);
    const dir = mkdtempSync(path.join(tmpdir(), "reminder-burst-"));
    try {
      const { report, queries } = await withQueryCount(async (tally) => ({
        report: await deliverDueMail(fileTransport(dir)),
        queries: tally,
      }));
      expect(report).toEqual({ delivered: due, retried: 0, failed: 0 });
      expect(readdirSync(dir)).toHaveLength(due);
      expect(await world().prisma.mail.count({ where: { state: { not: "delivered_to_file" } } })).toBe(0);
      console.log(`[reminders] ${due} mails delivered with ${queries.queries} SQL statements (${testEngine})`);
      // Before issue 19: a claim of 5 statements per 20 mails, then an UPDATE per mail (≈ 150 for 110 mails). Each
      // mail is still recorded by a statement of its own as soon as it is sent, so a crash resends at most one.
      expect(queries.queries).toBeLessThanOrEqual(due + Math.ceil(due / 25) * 2 + 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("each mail of a claim is recorded as sent before the next is sent: a crash mid-claim resends none of them", async () => {
    const db = world();
    await queueTestMails("crash", 5);
    // What the database says at each send: every mail handed over before it must already be recorded, since a
    // crash at this moment would otherwise send those again once the claim's lease ends.
    const unrecordedAtSend: number[] = [];
    const handedOver: number[] = [];
    const transport = {
      method: "file" as const,
      async send(mail: { id: number }) {
        const stillSending = await db.prisma.mail.count({ where: { id: { in: handedOver }, state: "sending" } });
        unrecordedAtSend.push(stillSending);
        handedOver.push(mail.id);
      },
    };
    const report = await deliverDueMail(transport, { batchSize: 25 });
    expect(report.delivered).toBeGreaterThanOrEqual(5);
    expect(unrecordedAtSend.every((n) => n === 0)).toBe(true);
  });

  it("a burst of 40 mails goes over one SMTP connection, not one each", async () => {
    const db = world();
    await queueTestMails("burst", 40);
    const port = await freeLoopbackPort();
    const smtp = await startSmtpSink(port);
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    try {
      const report = await deliverDueMail(transport);
      expect(report).toEqual({ delivered: 40, retried: 0, failed: 0 });
      expect(smtp.received.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `<burst.${i}@test>`).sort());
      expect(await db.prisma.mail.count({ where: { messageId: { startsWith: "<burst." }, state: "sent" } })).toBe(40);
      expect(smtp.connections()).toBe(1);
    } finally {
      transport.close?.();
      await smtp.close();
    }
  });
});

/** `count` queued reminder mails to the AD, Message-IDs <name.i@test>. */
async function queueTestMails(name: string, count: number) {
  for (let i = 0; i < count; i++) {
    await world().prisma.mail.create({
      data: {
        kind: "reminder",
        messageId: `<${name}.${i}@test>`,
        fromAddress: "liaison-statements@ietf.org",
        to: ["Ada Lindqvist <ad@example.org>"],
        subject: `${name} ${i}`,
        body: "Please act.",
      },
    });
  }
}
