import "server-only";
import { env } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import { daysBetween } from "@/lib/dates";
import { formatMailbox } from "@/lib/mailbox";
import { loadGroupIndex } from "@/server/authz/load";
import type { GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { groupLeaderMailboxes, groupListAddresses } from "@/server/directory/group-leaders";
import { isUniqueViolation } from "@/server/errors";
import { logger } from "@/server/log/logger";
import { queueMail } from "@/server/mail/outbox";
import { reminderMail, timing } from "@/server/mail/reminder-mail";
import { reminderRecipients } from "@/server/mail/reminder-recipients";
import {
  findStatement,
  fromGroups,
  mailView,
  managerMailboxes,
  type StatementRow,
  toGroups,
} from "@/server/statements/repository";
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
  const groups = await loadGroupIndex();
  // Most runs find every due milestone already sent: skip those without opening a transaction each.
  const sent = await db.mail.findMany({
    where: { dedupeKey: { in: due.map((d) => d.key) } },
    select: { dedupeKey: true },
  });
  const sentKeys = new Set(sent.map((m) => m.dedupeKey));
  for (const { id, key } of due) {
    if (sentKeys.has(key)) {
      report.alreadySent++;
      continue;
    }
    try {
      const isQueued = await db.$transaction((tx) => remind(tx, groups, id, now), { timeout: 60_000, maxWait: 30_000 });
      report[isQueued ? "queued" : "alreadySent"]++;
    } catch (error) {
      // A second worker queued the same milestone first: its transaction won, ours rolled back whole.
      if (isUniqueViolation(error)) {
        report.alreadySent++;
        continue;
      }
      report.failed++;
      logger("reminders").error({ err: error, statementId: id }, "reminder failed");
    }
  }
  return report;
}

/** One statement's reminder, re-checked inside the transaction (it may have been closed since the scan). */
async function remind(tx: Prisma.TransactionClient, groups: GroupIndex, id: number, now: Date): Promise<boolean> {
  const isAwaiting = (await tx.statement.count({ where: { id, ...AWAITING_ACTION } })) === 1;
  const row = isAwaiting ? await findStatement(tx, id) : null;
  if (!row?.deadline) return false;
  const milestone = dueMilestone({ deadline: row.deadline, now, postedAt: row.postedAt });
  if (!milestone) return false;

  const daysLeft = daysBetween(now, row.deadline);
  const recipients = await recipientsOf(tx, groups, row, milestone.isLast);
  const mail = await queueMail(tx, {
    kind: "reminder",
    statementId: id,
    ...recipients,
    ...reminderMail({
      view: mailView(row),
      daysLeft,
      assigneeName: row.assignee?.name ?? null,
      isLast: milestone.isLast,
    }),
    dedupeKey: reminderDedupeKey(id, milestone.key),
  });
  if (!mail) return false;
  await tx.statementEvent.create({
    data: {
      statementId: id,
      type: "reminder_sent",
      isPublic: false,
      text: milestone.isLast
        ? `Last deadline reminder sent (${timing(daysLeft)}); no more will be sent`
        : `Deadline reminder sent (${timing(daysLeft)})`,
      data: eventData(milestone, mail),
      createdAt: now,
    },
  });
  return true;
}

function eventData(milestone: Milestone, mail: { id: number; to: string[]; cc: string[] }): Prisma.InputJsonObject {
  return { milestone: milestone.key, mailId: mail.id, to: mail.to, cc: mail.cc };
}

async function recipientsOf(tx: Prisma.TransactionClient, groups: GroupIndex, row: StatementRow, isLast: boolean) {
  const external = [...fromGroups(row), ...toGroups(row)].filter((g) => g.organization.side === "external");
  const managers = await managerMailboxes(
    tx,
    external.map((g) => g.id),
  );
  const assigneeAddress = row.assigneeId
    ? await tx.emailAddress.findFirst({
        where: { personId: row.assigneeId, isActive: true },
        orderBy: [{ isPrimary: "desc" }, { id: "asc" }],
      })
    : null;
  const acting = (row.direction === "incoming" ? toGroups(row) : fromGroups(row)).filter(
    (g) => g.organization.side !== "external",
  );
  const submitterAddress = row.submitter.emails[0]?.address;
  return reminderRecipients(
    {
      direction: row.direction,
      assignee:
        row.assignee && assigneeAddress
          ? formatMailbox({ name: row.assignee.name, address: assigneeAddress.address })
          : null,
      submitter: submitterAddress ? formatMailbox({ name: row.submitter.name, address: submitterAddress }) : null,
      leaders: await groupLeaderMailboxes(
        tx,
        groups,
        acting.map((g) => g.id),
      ),
      externalGroupManagers: external.flatMap((g) => managers.get(g.id) ?? []),
      listAddresses: await groupListAddresses(tx),
      isLast,
    },
    env().coordinationAddress,
  );
}
