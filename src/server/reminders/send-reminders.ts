import "server-only";
import { env } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import { daysBetween } from "@/lib/dates";
import { formatMailbox } from "@/lib/mailbox";
import { loadGroupIndex } from "@/server/authz/load";
import type { GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { groupLeaders, groupListAddresses } from "@/server/directory/group-leaders";
import { logger } from "@/server/log/logger";
import { queueDedupedMails } from "@/server/mail/outbox";
import { reminderMail, timing } from "@/server/mail/reminder-mail";
import { reminderRecipients } from "@/server/mail/reminder-recipients";
import { fromGroups, mailView, mailViewSelect, managerMailboxes, toGroups } from "@/server/statements/repository";
import { dueMilestone, type Milestone, OLDEST_DEADLINE_DAYS } from "./schedule";

/** How often the worker looks for due reminders (milestones are whole days apart). */
export const REMINDER_INTERVAL_MS = 15 * 60_000;

/**
 * Posted For-action statements with a deadline still waiting for action: incoming ones whose action is
 * needed; outgoing ones not yet answered (no posted statement responds to them, action not taken).
 * Withdrawn statements are not posted, so they never match. Its in-memory twin: schedule.ts awaitsAction.
 */
const AWAITING_ACTION = {
  state: "posted",
  purpose: "action",
  deadline: { not: null },
  OR: [
    { direction: "incoming", actionStatus: "needed" },
    {
      direction: "outgoing",
      // "unknown (imported)": historical Datatracker statements never trigger mail (issue 17)
      actionStatus: { notIn: ["taken", "unknown_imported"] },
      relationsTo: { none: { relationship: "responds_to", source: { state: "posted" } } },
    },
  ],
} satisfies Prisma.StatementWhereInput;

export const reminderDedupeKey = (statementId: number, milestone: string) => `reminder:${statementId}:${milestone}`;

export interface ReminderReport {
  queued: number;
  alreadySent: number;
  failed: number;
}

/**
 * Reminders queued per transaction. The first run on a large archive finds hundreds due at once (≈ 400 at
 * 100k statements, issue 19): each batch is a handful of statements whatever its size (the statements with
 * what the mail shows, the external groups' liaison managers, the assignees' addresses, the mails, the events).
 */
export const REMINDER_BATCH = 100;

/**
 * docs/domain.md "Mail" → Deadline reminders: queues the due milestone's reminder (schedule.ts) for every
 * statement awaiting action, each milestone at most once (the mail's dedupe key), with a staff-only
 * `reminder_sent` event in the same transaction. Safe to run again, or from several workers at once.
 */
export async function sendDueReminders(now = new Date()): Promise<ReminderReport> {
  const db = await prisma();
  const report: ReminderReport = { queued: 0, alreadySent: 0, failed: 0 };
  // Deadlines further back can never have a milestone due (schedule.ts): an archive of long-past
  // statements costs neither a scan of every row nor a mail (issue 15, no mail storm at start-up).
  const oldest = new Date(now.getTime() - (OLDEST_DEADLINE_DAYS + 1) * 86_400_000);
  const candidates = await db.statement.findMany({
    where: { ...AWAITING_ACTION, deadline: { not: null, gte: oldest } },
    select: { id: true, deadline: true, postedAt: true },
    orderBy: { id: "asc" },
  });
  const due = candidates.flatMap((c) => {
    const milestone = c.deadline ? dueMilestone({ deadline: c.deadline, now, postedAt: c.postedAt }) : null;
    return milestone ? [{ id: c.id, key: reminderDedupeKey(c.id, milestone.key) }] : [];
  });
  if (due.length === 0) return report;
  // Most runs find every due milestone already sent: skip those without opening a transaction each.
  const sent = await db.mail.findMany({
    where: { dedupeKey: { in: due.map((d) => d.key) } },
    select: { dedupeKey: true },
  });
  const sentKeys = new Set(sent.map((m) => m.dedupeKey));
  const todo = due.filter((d) => !sentKeys.has(d.key)).map((d) => d.id);
  report.alreadySent += due.length - todo.length;
  if (todo.length === 0) return report;
  const directory = await readDirectory();
  for (let i = 0; i < todo.length; i += REMINDER_BATCH) {
    const batch = todo.slice(i, i + REMINDER_BATCH);
    try {
      add(report, await db.$transaction((tx) => remind(tx, directory, batch, now), TRANSACTION));
    } catch (error) {
      // Something in the batch failed (a bad row, a lost connection): one statement at a time, so the others
      // are not held back by it and the failure is logged against its statement.
      logger("reminders").warn({ err: error, statements: batch.length }, "reminder batch failed; one at a time");
      for (const id of batch) {
        try {
          add(report, await db.$transaction((tx) => remind(tx, directory, [id], now), TRANSACTION));
        } catch (single) {
          report.failed++;
          logger("reminders").error({ err: single, statementId: id }, "reminder failed");
        }
      }
    }
  }
  return report;
}

const TRANSACTION = { timeout: 60_000, maxWait: 30_000 };

function add(report: ReminderReport, batch: { queued: number; alreadySent: number }) {
  report.queued += batch.queued;
  report.alreadySent += batch.alreadySent;
}

/** What a run's recipients come from that is the same for every reminder: read once per run. */
interface ReminderDirectory {
  /** the chairs, secretaries and approvers of IETF-side groups (group-leaders.ts) */
  leaders: (groupIds: readonly number[]) => string[];
  listAddresses: string[];
}

async function readDirectory(): Promise<ReminderDirectory> {
  const db = await prisma();
  const groups: GroupIndex = await loadGroupIndex();
  const [leaders, listAddresses] = await Promise.all([groupLeaders(db, groups), groupListAddresses(db)]);
  return { leaders, listAddresses };
}

/** What a reminder reads of its statement: the mail's view, and who is involved. */
const reminderSelect = {
  ...mailViewSelect,
  postedAt: true,
  assigneeId: true,
  assignee: { select: { name: true } },
  submitter: { select: { name: true, emails: { where: { isPrimary: true }, select: { address: true } } } },
} satisfies Prisma.StatementSelect;

type ReminderRow = Prisma.StatementGetPayload<{ select: typeof reminderSelect }>;

/**
 * A batch of statements' reminders in one transaction, each re-checked inside it (it may have been closed
 * since the scan). A milestone another run queued meanwhile is left out by the mail's dedupe key (its
 * transaction wins; ours waits for it, then inserts neither that mail nor its event).
 */
async function remind(
  tx: Prisma.TransactionClient,
  directory: ReminderDirectory,
  ids: number[],
  now: Date,
): Promise<{ queued: number; alreadySent: number }> {
  const rows = await tx.statement.findMany({
    where: { id: { in: ids }, ...AWAITING_ACTION },
    select: reminderSelect,
    orderBy: { id: "asc" },
  });
  const reminders = rows.flatMap((row) => {
    const milestone = row.deadline ? dueMilestone({ deadline: row.deadline, now, postedAt: row.postedAt }) : null;
    return row.deadline && milestone ? [{ row, milestone, daysLeft: daysBetween(now, row.deadline) }] : [];
  });
  if (reminders.length === 0) return { queued: 0, alreadySent: ids.length };

  // From groups first, then To groups (the order of the Cc line).
  const external = (row: ReminderRow) =>
    [...fromGroups(row), ...toGroups(row)].filter((g) => g.organization.side === "external");
  const externalIds = [...new Set(reminders.flatMap(({ row }) => external(row).map((g) => g.id)))];
  const assigneeIds = [...new Set(reminders.flatMap(({ row }) => (row.assigneeId ? [row.assigneeId] : [])))];
  const [managers, assigneeAddresses] = await Promise.all([
    externalIds.length ? managerMailboxes(tx, externalIds) : new Map<number, string[]>(),
    assigneeIds.length
      ? tx.emailAddress.findMany({
          where: { personId: { in: assigneeIds }, isActive: true },
          orderBy: [{ isPrimary: "desc" }, { id: "asc" }],
          select: { personId: true, address: true },
        })
      : [],
  ]);
  // Each assignee's first active address, primary first (as findFirst with that order would give).
  const assigneeAddress = new Map<number, string>();
  for (const a of assigneeAddresses) if (!assigneeAddress.has(a.personId)) assigneeAddress.set(a.personId, a.address);

  const mails = await queueDedupedMails(
    tx,
    reminders.map(({ row, milestone, daysLeft }) => ({
      kind: "reminder" as const,
      statementId: row.id,
      ...recipientsOf(directory, row, external(row), managers, assigneeAddress, milestone.isLast),
      ...reminderMail({
        view: mailView(row),
        daysLeft,
        assigneeName: row.assignee?.name ?? null,
        isLast: milestone.isLast,
      }),
      dedupeKey: reminderDedupeKey(row.id, milestone.key),
    })),
  );
  const byKey = new Map(mails.map((mail) => [mail.dedupeKey, mail]));
  const events = reminders.flatMap(({ row, milestone, daysLeft }) => {
    const mail = byKey.get(reminderDedupeKey(row.id, milestone.key));
    return mail
      ? [
          {
            statementId: row.id,
            type: "reminder_sent" as const,
            isPublic: false,
            text: milestone.isLast
              ? `Last deadline reminder sent (${timing(daysLeft)}); no more will be sent`
              : `Deadline reminder sent (${timing(daysLeft)})`,
            data: eventData(milestone, mail),
            createdAt: now,
          },
        ]
      : [];
  });
  if (events.length) await tx.statementEvent.createMany({ data: events });
  return { queued: mails.length, alreadySent: ids.length - mails.length };
}

function eventData(milestone: Milestone, mail: { id: number; to: string[]; cc: string[] }): Prisma.InputJsonObject {
  return { milestone: milestone.key, mailId: mail.id, to: mail.to, cc: mail.cc };
}

function recipientsOf(
  directory: ReminderDirectory,
  row: ReminderRow,
  external: { id: number }[],
  managers: Map<number, string[]>,
  assigneeAddress: Map<number, string>,
  isLast: boolean,
) {
  const acting = (row.direction === "incoming" ? toGroups(row) : fromGroups(row)).filter(
    (g) => g.organization.side !== "external",
  );
  const assignee = row.assigneeId ? assigneeAddress.get(row.assigneeId) : undefined;
  const submitterAddress = row.submitter.emails[0]?.address;
  return reminderRecipients(
    {
      direction: row.direction,
      assignee: row.assignee && assignee ? formatMailbox({ name: row.assignee.name, address: assignee }) : null,
      submitter: submitterAddress ? formatMailbox({ name: row.submitter.name, address: submitterAddress }) : null,
      leaders: directory.leaders(acting.map((g) => g.id)),
      externalGroupManagers: external.flatMap((g) => managers.get(g.id) ?? []),
      listAddresses: directory.listAddresses,
      isLast,
    },
    env().coordinationAddress,
  );
}
