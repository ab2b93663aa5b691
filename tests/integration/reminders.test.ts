import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/authz/types";
import { sendDueReminders } from "@/server/reminders/send-reminders";
import { postStatement } from "@/server/statements/post-statement";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { withdrawStatement } from "@/server/statements/withdraw-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
// Statements are posted "now" (real time); the deadline is 20 calendar days later so every milestone
// falls after the posting day, and the clock below walks from the posting day on.
const today = new Date(`${isoDay(new Date())}T00:00:00Z`);
const deadline = new Date(today.getTime() + 20 * DAY);
const DEADLINE = isoDay(deadline);
/** 09:00 UTC, `offset` days after the deadline (negative = before) */
const at = (offset: number) => new Date(deadline.getTime() + offset * DAY + 9 * 3_600_000);

const LM = "Mia Tanaka <lm-3gpp@example.org>";
const CHAIR = "Quentin Hale <chair@example.org>";
const ADA = "Ada Lindqvist <ad@example.org>";
const COORD = "liaison-coordination@iab.org";
/** issue 15: reminders go to people, never to a group's mailing list (To-Contact has quic@ietf.org) */
const expectPeopleOnly = (addresses: string[]) => {
  expect(addresses.join()).not.toMatch(/quic@ietf\.org|quic-chairs@ietf\.org|quic-liaisons@ietf\.org/);
};

async function recordIncoming(title: string): Promise<number> {
  const db = world();
  const lm = await actorFor(db, "lm-3gpp@example.org");
  const input = statementFormSchema.parse({
    direction: "incoming",
    from: String(await groupId(db, "3gpp-tsg-sa")),
    to: String(await groupId(db, "quic")),
    fromContact: "3GPP TSG SA Chair <sa-chair@example.net>",
    fromLiaisonContact: "3GPP TSG SA <sa-liaisons@example.net>",
    toContact: "QUIC chairs <quic-chairs@ietf.org>\nquic@ietf.org",
    toLiaisonContact: "quic-liaisons@ietf.org",
    title,
    purpose: "action",
    deadline: DEADLINE,
    body: "Please tell us which QUIC extensions to profile.",
    receivedOn: isoDay(today),
    sendAcknowledgement: "on",
  });
  const id = await saveStatement({ actor: lm, input });
  await postStatement({ actor: lm, id });
  return id;
}

async function postOutgoing(ad: Actor, title: string): Promise<number> {
  const db = world();
  const input = statementFormSchema.parse({
    direction: "outgoing",
    from: String(await groupId(db, "quic")),
    to: String(await groupId(db, "3gpp-tsgsa-sa2")),
    fromContact: "Ada Lindqvist <ad@example.org>\nquic@ietf.org",
    toContact: "3GPP SA2 Chair <sa2-chair@example.net>",
    title,
    purpose: "action",
    deadline: DEADLINE,
    body: "Please review our multipath draft.",
  });
  // The AD's own submission for their area's WG is approved and posted at once.
  const id = await saveStatement({ actor: ad, input });
  expect(await submitStatement({ actor: ad, id })).toBe("posted");
  return id;
}

/** Runs the reminder job on each day of [from, to] (twice, concurrently, every third day). */
async function walk(from: number, to: number) {
  for (let offset = from; offset <= to; offset++) {
    if (offset % 3 === 0) await Promise.all([sendDueReminders(at(offset)), sendDueReminders(at(offset))]);
    else await sendDueReminders(at(offset));
  }
}

/** Walks day by day, noting on which day each of the statement's reminders was queued. */
async function walkRecording(statementId: number, from: number, to: number) {
  const seen = new Set<number>();
  const queued: [number, string][] = [];
  for (let offset = from; offset <= to; offset++) {
    await walk(offset, offset);
    if (offset % 5 === 0) await sendDueReminders(at(offset)); // and once more, later the same day
    for (const mail of await reminders(statementId)) {
      if (seen.has(mail.id)) continue;
      seen.add(mail.id);
      queued.push([offset, mail.dedupeKey!.replace(`reminder:${statementId}:`, "")]);
    }
  }
  return queued;
}

const reminders = (statementId: number) =>
  world().prisma.mail.findMany({ where: { statementId, kind: "reminder" }, orderBy: { id: "asc" } });

describe(`deadline reminders (${testEngine})`, () => {
  it("incoming: one mail per milestone, on its day, to the assignee and the To group's chairs/ADs, Cc the LM; 4 overdue at most; none after taken", async () => {
    const db = world();
    const title = "LS on QUIC profiles for 5G (reminder test)";
    const id = await recordIncoming(title);
    const posted = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    expect([posted.actionStatus, isoDay(posted.deadline!)]).toEqual(["needed", DEADLINE]);
    // Reassigned from the recorder (the 3GPP LM) to the QUIC chair, so the LM is a Cc, not the assignee.
    const chair = await db.prisma.emailAddress.findUniqueOrThrow({ where: { address: "chair@example.org" } });
    await db.prisma.statement.update({ where: { id }, data: { assigneeId: chair.personId } });

    expect(await walkRecording(id, -20, 50)).toEqual([
      [-14, "d-14"],
      [-7, "d-7"],
      [-3, "d-3"],
      [-1, "d-1"],
      [0, "d-0"],
      [7, "overdue-1w"],
      [14, "overdue-2w"],
      [21, "overdue-3w"],
      [28, "overdue-4w"],
    ]);

    const mails = await reminders(id);
    for (const mail of mails) {
      expect(mail.to[0]).toBe(CHAIR);
      expect(mail.to).toContain(ADA);
      expectPeopleOnly([...mail.to, ...mail.cc]);
      // the last (4th overdue) reminder is copied to the coordination address as well
      expect(mail.cc).toEqual(mail.dedupeKey!.endsWith("overdue-4w") ? [LM, COORD] : [LM]);
      expect(mail.body).toContain(`/statements/${id}`);
      expect(mail.body).toContain('"Mark action taken"');
      expect(mail.body).toContain("Assigned to: Quentin Hale.");
      expect(mail.body).toContain("From: 3GPP TSG SA");
      expect(mail.state).toBe("queued");
    }
    const byKey = new Map(mails.map((m) => [m.dedupeKey!.split(":")[2], m]));
    expect(byKey.get("d-14")!.subject).toBe(`Reminder: action needed by ${DEADLINE} on "${title}"`);
    expect(byKey.get("d-14")!.body).toContain(`Deadline: ${DEADLINE} (14 days left).`);
    expect(byKey.get("d-1")!.body).toContain("(1 day left)");
    expect(byKey.get("d-0")!.body).toContain("(due today)");
    expect(byKey.get("overdue-3w")!.subject).toBe(`Overdue since ${DEADLINE}: action needed on "${title}"`);
    expect(byKey.get("overdue-3w")!.body).toContain("(overdue by 21 days)");
    expect(byKey.get("overdue-4w")!.subject).toBe(
      `Last reminder: overdue since ${DEADLINE}: action needed on "${title}"`,
    );
    expect(byKey.get("overdue-4w")!.body).toContain("This is the last reminder: none will follow.");

    const events = await db.prisma.statementEvent.findMany({
      where: { statementId: id, type: "reminder_sent" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => (e.data as { milestone: string }).milestone)).toEqual([...byKey.keys()]);
    expect(events.every((e) => !e.isPublic)).toBe(true);
    expect(events.map((e) => (e.data as { mailId: number }).mailId)).toEqual(mails.map((m) => m.id));

    const last = await db.prisma.statementEvent.findFirstOrThrow({
      where: { statementId: id, type: "reminder_sent" },
      orderBy: { id: "desc" },
    });
    expect(last.text).toBe("Last deadline reminder sent (overdue by 28 days); no more will be sent");

    // Marked taken: still nothing.
    await db.prisma.statement.update({ where: { id }, data: { actionStatus: "taken", actionTakenAt: at(50) } });
    await walk(51, 60);
    expect(await reminders(id)).toHaveLength(9);
    expect(await db.prisma.statementEvent.count({ where: { statementId: id, type: "reminder_sent" } })).toBe(9);
  });

  it("a worker that was down sends only the latest missed milestone, once", async () => {
    const id = await recordIncoming("LS on QUIC load balancers (reminder test)");
    await walk(-2, -2);
    expect((await reminders(id)).map((m) => m.dedupeKey)).toEqual([`reminder:${id}:d-3`]);
    await walk(-1, 1);
    expect((await reminders(id)).map((m) => m.dedupeKey)).toEqual([
      `reminder:${id}:d-3`,
      `reminder:${id}:d-1`,
      `reminder:${id}:d-0`,
    ]);
    // The recorder is still the assignee, and is also the 3GPP LM: addressed once, in To.
    const [first] = await reminders(id);
    expect(first!.to.slice(0, 2)).toEqual([LM, CHAIR]);
    expectPeopleOnly(first!.to);
    expect(first!.cc).toEqual([]);
  });

  it("a withdrawn statement gets no reminder", async () => {
    const db = world();
    const id = await recordIncoming("LS withdrawn by 3GPP (reminder test)");
    const secretariat = await actorFor(db, "secretariat@example.org");
    await withdrawStatement({ actor: secretariat, id, reason: "Sent to us by mistake" });
    await walk(-20, 30);
    expect(await reminders(id)).toEqual([]);
    expect(await db.prisma.statementEvent.count({ where: { statementId: id, type: "reminder_sent" } })).toBe(0);
  });

  it("issue 17: a statement whose action status is unknown (imported) gets no reminder, incoming or outgoing", async () => {
    const db = world();
    const ad = await actorFor(db, "ad@example.org");
    const outgoing = await postOutgoing(ad, "LS imported from the Datatracker (reminder test)");
    const incoming = await recordIncoming("Incoming LS imported from the Datatracker (reminder test)");
    await db.prisma.statement.updateMany({
      where: { id: { in: [outgoing, incoming] } },
      data: { actionStatus: "unknown_imported" },
    });
    await walk(-20, 30);
    expect(await reminders(outgoing)).toEqual([]);
    expect(await reminders(incoming)).toEqual([]);
  });

  it("outgoing awaiting the peer's reply reminds the submitter and the From group's chairs/ADs, Cc the peer's LM, until the reply is posted", async () => {
    const db = world();
    const ad = await actorFor(db, "ad@example.org");
    const id = await postOutgoing(ad, "LS on QUIC multipath review (reminder test)");
    expect(await walkRecording(id, -20, -5)).toEqual([
      [-14, "d-14"],
      [-7, "d-7"],
    ]);
    for (const mail of await reminders(id)) {
      expect(mail.to.slice(0, 2)).toEqual([ADA, CHAIR]);
      expectPeopleOnly(mail.to);
      expect(mail.to.join()).not.toContain("sa2-chair@example.net");
      expect(mail.cc).toEqual([LM]);
      expect(mail.body).toContain("no reply has been recorded yet");
    }

    // 3GPP SA2 answers: the LM records their In-response statement.
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const reply = statementFormSchema.parse({
      direction: "incoming",
      from: String(await groupId(db, "3gpp-tsgsa-sa2")),
      to: String(await groupId(db, "quic")),
      fromContact: "3GPP SA2 Chair <sa2-chair@example.net>",
      toContact: "quic@ietf.org",
      title: "Reply LS on QUIC multipath review (reminder test)",
      purpose: "response",
      respondsTo: String(id),
      body: "Thank you, we reviewed it.",
      receivedOn: isoDay(today),
    });
    await postStatement({ actor: lm, id: await saveStatement({ actor: lm, input: reply }) });
    await walk(-4, 30);
    expect(await reminders(id)).toHaveLength(2);
  });

  it("issue 15: starting on an archive of long-past deadlines is quiet: only deadlines of the last 5 weeks get one reminder", async () => {
    const db = world();
    const sa = await groupId(db, "3gpp-tsg-sa");
    const quic = await groupId(db, "quic");
    const lm = await db.prisma.emailAddress.findUniqueOrThrow({ where: { address: "lm-3gpp@example.org" } });
    const now = new Date();
    const nowDay = new Date(`${isoDay(now)}T00:00:00Z`);
    // 400 open incoming actions, deadlines 1 to 800 days ago (every 2 days), posted 30 days before each deadline.
    const offsets = Array.from({ length: 400 }, (_, i) => 1 + 2 * i);
    const ids: number[] = [];
    for (const days of offsets) {
      const deadlineDay = new Date(nowDay.getTime() - days * DAY);
      const st = await db.prisma.statement.create({
        data: {
          direction: "incoming",
          state: "posted",
          title: `Old open action ${days} days past (reminder test)`,
          purpose: "action",
          deadline: deadlineDay,
          body: "Old.",
          submitterId: lm.personId,
          assigneeId: lm.personId,
          actionStatus: "needed",
          postedAt: new Date(deadlineDay.getTime() - 30 * DAY),
          groups: {
            create: [
              { groupId: sa, side: "from" },
              { groupId: quic, side: "to" },
            ],
          },
        },
      });
      ids.push(st.id);
    }
    const report = await sendDueReminders(now);
    const queued = await db.prisma.mail.findMany({ where: { kind: "reminder", statementId: { in: ids } } });
    // Deadlines 1..34 days past (odd offsets: 17 statements) get their latest milestone once; older: nothing.
    const recent = offsets.filter((d) => d < 35).length;
    expect(queued).toHaveLength(recent);
    expect(recent).toBe(17);
    expect(report.queued).toBeGreaterThanOrEqual(recent);
    // and a second start queues nothing more
    await sendDueReminders(now);
    expect(await db.prisma.mail.count({ where: { kind: "reminder", statementId: { in: ids } } })).toBe(recent);
    console.log(
      `[reminders] start-up on ${offsets.length} long-past open actions (${testEngine}): ${queued.length} reminders queued`,
    );
  });
});
