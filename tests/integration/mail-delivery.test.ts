import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { deliverDueMail } from "@/server/mail/deliver";
import { fileTransport, smtpTransport } from "@/server/mail/transport";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { freeLoopbackPort, startSmtpSink } from "../support/smtp-sink";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();

async function postMany(count: number): Promise<number[]> {
  const db = world();
  const ad = await actorFor(db, "ad@example.org");
  const [from, to] = [await groupId(db, "httpbis"), await groupId(db, "itu-t-sg15")];
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const input = statementFormSchema.parse({
      direction: "outgoing",
      from: String(from),
      to: String(to),
      fromContact: "Ada Lindqvist <ad@example.org>",
      toContact: "SG15 <sg15@example.net>",
      title: `Bulk statement ${i}`,
      purpose: "information",
      body: `Statement number ${i}.`,
    });
    const id = await saveStatement({ actor: ad, input });
    await submitStatement({ actor: ad, id }); // the AD approves their own area's statement at once
    ids.push(id);
  }
  return ids;
}

describe(`mail delivery (${testEngine})`, () => {
  it("SMTP down while 50 statements are posted, then up: every mail delivered exactly once", async () => {
    const db = world();
    const ids = await postMany(50);
    const mails = await db.prisma.mail.findMany({ where: { statementId: { in: ids } } });
    expect(mails).toHaveLength(50);
    expect(mails.every((m) => m.kind === "distribution" && m.state === "queued")).toBe(true);

    const port = await freeLoopbackPort();
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    const t0 = Date.now();
    const down = await deliverDueMail(transport, { now: () => new Date(t0) });
    expect(down.delivered).toBe(0);
    const afterDown = await db.prisma.mail.findMany({ where: { statementId: { in: ids } } });
    // The worker stops at the first failing batch; nothing is lost, each failure is recorded.
    expect(afterDown.every((m) => m.state === "queued")).toBe(true);
    expect(afterDown.filter((m) => m.attempts > 0).every((m) => m.lastError && m.nextAttemptAt.getTime() > t0)).toBe(
      true,
    );

    const smtp = await startSmtpSink(port);
    try {
      const later = () => new Date(t0 + 2 * 3_600_000);
      // Three workers at once: each mail is claimed by exactly one of them.
      const reports = await Promise.all([1, 2, 3].map(() => deliverDueMail(transport, { now: later })));
      expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(50);
      expect((await deliverDueMail(transport, { now: later })).delivered).toBe(0);
      const sent = await db.prisma.mail.findMany({ where: { statementId: { in: ids } } });
      expect(sent.every((m) => m.state === "sent" && m.sentAt && m.lastError === null)).toBe(true);
      expect(smtp.received).toHaveLength(50);
      expect(new Set(smtp.received)).toEqual(new Set(sent.map((m) => m.messageId)));
    } finally {
      // The pooled connection stays open otherwise, and the sink's close waits for it (smtp-server: 30 s).
      transport.close?.();
      await smtp.close();
    }
  });

  it("without SMTP, mail is written as .eml files and marked delivered-to-file", async () => {
    const db = world();
    const [id] = await postMany(1);
    // Mail of the other test is already delivered; only this statement's mail is due.
    const dir = mkdtempSync(path.join(tmpdir(), "liaison-eml-"));
    const report = await deliverDueMail(fileTransport(dir), { now: () => new Date(Date.now() + 3 * 3_600_000) });
    expect(report.delivered).toBeGreaterThanOrEqual(1);
    const mail = await db.prisma.mail.findFirstOrThrow({ where: { statementId: id } });
    expect(mail.state).toBe("delivered_to_file");
    const file = readdirSync(dir).find((f) => f.startsWith(String(mail.id).padStart(6, "0")));
    expect(file).toBeDefined();
    const eml = readFileSync(path.join(dir, file!), "utf8");
    const parsed = await simpleParser(eml);
    expect(parsed.subject).toMatch(/^New Liaison Statement, "Bulk statement \d+"$/);
    expect(parsed.messageId).toBe(mail.messageId);
    expect(eml).toMatch(/^To: SG15 <sg15@example\.net>\r?$/m);
  });
});
