import "server-only";
import { env } from "@/env";
import { deliverDueMail } from "./deliver";
import { configuredTransport, type MailTransport } from "./transport";

/** The delivery loop inside the app process: a tick every few seconds, and at once after mail is queued. */
const state = globalThis as unknown as {
  __mailWorker?: { timer: NodeJS.Timeout; running: Promise<void> | null; again: boolean; transport: MailTransport };
};

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
  state.__mailWorker = { timer: setInterval(() => void tick(), intervalMs), running: null, again: false, transport };
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
