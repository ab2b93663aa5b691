import "server-only";
import { env } from "@/env";
import { logger } from "@/server/log/logger";
import { REMINDER_INTERVAL_MS, sendDueReminders } from "@/server/reminders/send-reminders";
import { deliverDueMail, releaseOrphanedClaims } from "./deliver";
import { configuredTransport, type MailTransport } from "./transport";

/**
 * The delivery loop inside the app process: a tick every few seconds, and at once after mail is queued.
 * A tick first queues due deadline reminders (at most every REMINDER_INTERVAL_MS), then delivers.
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
  log.info({ transport: transport.method === "smtp" ? "smtp" : "eml-files", intervalMs }, "mail worker started");
  void tick();
}

/** Ask the in-process worker to deliver now (after a transaction that queued mail committed). */
export function kickMailWorker(): void {
  if (state.__mailWorker) void tick();
}

/** Stops the loop: the mail being sent finishes and is recorded; claimed mails not yet sent go back to the queue. */
export async function stopMailWorker(): Promise<void> {
  const worker = state.__mailWorker;
  if (!worker) return;
  worker.stopping = true;
  clearInterval(worker.timer);
  await worker.running;
  state.__mailWorker = undefined;
  log.info("mail worker stopped");
}

export interface MailWorkerStatus {
  running: boolean;
  intervalMs: number;
  /** when the worker started and its last tick began / ended (ms since the epoch; 0 = not yet) */
  startedAt: number;
  tickStartedAt: number;
  tickEndedAt: number;
  /** a tick is under way now */
  busy: boolean;
}

/** What /readyz reports of the in-process worker (null: this process runs none). */
export function mailWorkerStatus(): MailWorkerStatus | null {
  const worker = state.__mailWorker;
  if (!worker) return null;
  return {
    running: !worker.stopping,
    intervalMs: worker.intervalMs,
    startedAt: worker.startedAt,
    tickStartedAt: worker.tickStartedAt,
    tickEndedAt: worker.tickEndedAt,
    busy: worker.running !== null,
  };
}
