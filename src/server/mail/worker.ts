import "server-only";
import { env } from "@/env";
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
  };
};

async function queueDueReminders(worker: NonNullable<typeof state.__mailWorker>): Promise<void> {
  if (Date.now() - worker.remindedAt < REMINDER_INTERVAL_MS) return;
  worker.remindedAt = Date.now();
  try {
    const report = await sendDueReminders();
    if (report.queued || report.failed) console.log(`[reminders] queued ${report.queued}, failed ${report.failed}`);
  } catch (error) {
    console.error("[reminders] run failed:", error);
  }
}

async function tick(): Promise<void> {
  const worker = state.__mailWorker;
  if (!worker) return;
  if (worker.running) {
    worker.again = true;
    return worker.running;
  }
  worker.running = (async () => {
    do {
      worker.again = false;
      if (!worker.recovered) {
        // Inside the serialized tick, so no claim of this worker can be released by mistake.
        worker.recovered = true;
        try {
          const released = await releaseOrphanedClaims();
          if (released) console.log(`[mail] ${released} mail(s) left sending by a previous run are due again`);
        } catch (error) {
          console.error("[mail] releasing earlier claims failed:", error);
        }
      }
      await queueDueReminders(worker);
      try {
        await deliverDueMail(worker.transport);
      } catch (error) {
        console.error("[mail] delivery run failed:", error);
      }
    } while (worker.again);
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
  };
  state.__mailWorker.timer.unref();
  console.log(`[mail] worker started (${transport.method === "smtp" ? "SMTP" : "writing .eml files"})`);
  void tick();
}

/** Ask the in-process worker to deliver now (after a transaction that queued mail committed). */
export function kickMailWorker(): void {
  if (state.__mailWorker) void tick();
}

export async function stopMailWorker(): Promise<void> {
  const worker = state.__mailWorker;
  if (!worker) return;
  clearInterval(worker.timer);
  await worker.running;
  state.__mailWorker = undefined;
}
