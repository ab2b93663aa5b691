import "server-only";
import { env } from "@/env";
import { afterEveryCommit } from "@/server/db/transaction";
import { logger } from "@/server/log/logger";
import { deliverDueMail, releaseOrphanedClaims } from "@/server/mail/deliver";
import { configuredTransport, type MailTransport } from "@/server/mail/transport";
import { type MailWorkerStatus, registerMailWorker } from "@/server/mail/wake";
import { REMINDER_INTERVAL_MS, sendDueReminders } from "@/server/reminders/send-reminders";

/**
 * The mail job inside the app process: a tick every few seconds, and at once after a use-case committed (or
 * mail/wake.ts's kickMailWorker). A tick first queues due deadline reminders (at most every
 * REMINDER_INTERVAL_MS), then delivers. It sits above both mail/ and reminders/, so neither imports the other
 * back: reminders queue through mail/outbox.ts, delivery knows nothing of reminders.
 */
const state = globalThis as unknown as {
  __mailWorker?: {
    timer: NodeJS.Timeout;
    running: Promise<void> | null;
    again: boolean;
    transport: MailTransport;
    /** when reminders were last looked for (0: never, so the first tick does) */
    remindedAt: number;
    /** whether the first tick has released claims left by a crashed earlier run */
    recovered: boolean;
    intervalMs: number;
    startedAt: number;
    /** when the last tick began and ended (0: not yet) — /readyz tells a stuck worker from a live one */
    tickStartedAt: number;
    tickEndedAt: number;
    /** set by stopMailWorker: the current send finishes, nothing more is sent */
    stopping: boolean;
  };
};

const log = logger("mail");

async function queueDueReminders(worker: NonNullable<typeof state.__mailWorker>): Promise<void> {
  if (Date.now() - worker.remindedAt < REMINDER_INTERVAL_MS) return;
  worker.remindedAt = Date.now();
  try {
    const report = await sendDueReminders();
    if (report.queued || report.failed) log.info({ queued: report.queued, failed: report.failed }, "reminders queued");
  } catch (error) {
    log.error({ err: error }, "reminder run failed");
  }
}

async function tick(): Promise<void> {
  const worker = state.__mailWorker;
  if (!worker || worker.stopping) return;
  if (worker.running) {
    worker.again = true;
    return worker.running;
  }
  worker.running = (async () => {
    do {
      worker.again = false;
      worker.tickStartedAt = Date.now();
      if (!worker.recovered) {
        // Inside the serialized tick, so no claim of this worker can be released by mistake.
        worker.recovered = true;
        try {
          const released = await releaseOrphanedClaims();
          if (released) log.info({ released }, "mails left sending by a previous run are due again");
        } catch (error) {
          log.error({ err: error }, "releasing earlier claims failed");
        }
      }
      if (!worker.stopping) await queueDueReminders(worker);
      try {
        await deliverDueMail(worker.transport, { shouldStop: () => worker.stopping });
      } catch (error) {
        log.error({ err: error }, "delivery run failed");
      }
      worker.tickEndedAt = Date.now();
    } while (worker.again && !worker.stopping);
  })().finally(() => {
    worker.running = null;
  });
  return worker.running;
}

export function startMailWorker(intervalMs = env().mailWorkerIntervalMs): void {
  if (state.__mailWorker) return;
  const transport = configuredTransport();
  state.__mailWorker = {
    timer: setInterval(() => void tick(), intervalMs),
    running: null,
    again: false,
    transport,
    remindedAt: 0,
    recovered: false,
    intervalMs,
    startedAt: Date.now(),
    tickStartedAt: 0,
    tickEndedAt: 0,
    stopping: false,
  };
  state.__mailWorker.timer.unref();
  registerMailWorker({ wake: () => void tick(), status });
  afterEveryCommit("mail", () => void tick());
  log.info({ transport: transport.method === "smtp" ? "smtp" : "eml-files", intervalMs }, "mail worker started");
  void tick();
}

/** Stops the loop: the mail being sent finishes and is recorded; claimed mails not yet sent go back to the queue. */
export async function stopMailWorker(): Promise<void> {
  const worker = state.__mailWorker;
  if (!worker) return;
  worker.stopping = true;
  clearInterval(worker.timer);
  afterEveryCommit("mail", undefined);
  await worker.running;
  worker.transport.close?.();
  state.__mailWorker = undefined;
  registerMailWorker(undefined);
  log.info("mail worker stopped");
}

function status(): MailWorkerStatus {
  const worker = state.__mailWorker;
  return {
    running: !!worker && !worker.stopping,
    intervalMs: worker?.intervalMs ?? 0,
    startedAt: worker?.startedAt ?? 0,
    tickStartedAt: worker?.tickStartedAt ?? 0,
    tickEndedAt: worker?.tickEndedAt ?? 0,
    busy: !!worker && worker.running !== null,
  };
}
