import "server-only";

/**
 * The in-process delivery loop as the rest of the server sees it: wake it after mail was queued, ask how it is
 * (/readyz). The loop itself (jobs/mail-worker.ts) composes delivery and reminders and registers here when it
 * starts, so mail/ and the code that queues mail never import the jobs that use them.
 */
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

export interface MailWorkerHandle {
  wake(): void;
  status(): MailWorkerStatus;
}

// On globalThis: scripts and Next.js's bundles are one process but may be different module instances.
const holder = globalThis as unknown as { __mailWorkerHandle?: MailWorkerHandle };

/** jobs/mail-worker.ts: the loop that runs in this process (undefined when it stops). */
export function registerMailWorker(handle: MailWorkerHandle | undefined): void {
  holder.__mailWorkerHandle = handle;
}

/** Ask the in-process worker to deliver now (after mail was queued outside a use-case's transaction). */
export function kickMailWorker(): void {
  holder.__mailWorkerHandle?.wake();
}

/** What /readyz reports of the in-process worker (null: this process runs none). */
export function mailWorkerStatus(): MailWorkerStatus | null {
  return holder.__mailWorkerHandle?.status() ?? null;
}
