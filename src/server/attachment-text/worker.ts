import "server-only";
import { bumpDataVersion } from "@/server/cache";
import { database } from "@/server/db";
import { afterEveryCommit } from "@/server/db/transaction";
import { logger } from "@/server/log/logger";
import { extractNextAttachmentText } from "./extract-next";
import { stopExtractReader } from "./reader";

/**
 * The attachment-text loop inside the app process (issue 18, ADR 026), beside the mail worker: a tick every
 * few seconds and at once after a statement was saved; each tick extracts queued attachments one after the
 * other until none is left. Off the request path: a save only queues (a database trigger), and the reading
 * itself runs in a bounded process of its own (reader.ts, ADR 047).
 */
const INTERVAL_MS = 5_000;

const state = globalThis as unknown as {
  __attachmentTextWorker?: {
    timer: NodeJS.Timeout;
    running: Promise<void> | null;
    again: boolean;
    stopping: boolean;
    recovered: boolean;
  };
};

const log = logger("attachment-text");

async function tick(): Promise<void> {
  const worker = state.__attachmentTextWorker;
  if (!worker || worker.stopping) return;
  if (worker.running) {
    worker.again = true;
    return worker.running;
  }
  worker.running = (async () => {
    do {
      worker.again = false;
      try {
        const db = await database();
        if (!worker.recovered && db.engine === "pglite") {
          // One process holds the embedded database: a row left "running" is from a run that ended mid-way.
          await db.prisma.$executeRaw`UPDATE "AttachmentText" SET "status" = 'queued' WHERE "status" = 'running'`;
        }
        worker.recovered = true;
        while (!worker.stopping) {
          const outcome = await extractNextAttachmentText(db.prisma, db.attachments, undefined, () => worker.stopping);
          if (!outcome) break;
          if (outcome.status === "done") bumpDataVersion();
          if (outcome.status === "failed") log.warn(outcome, "attachment text not extracted");
          else log.info(outcome, "attachment text extracted");
          // Let waiting requests through between attachments.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        log.error({ err: error }, "attachment text run failed");
      }
    } while (worker.again && !worker.stopping);
  })().finally(() => {
    worker.running = null;
  });
  return worker.running;
}

export function startAttachmentTextWorker(intervalMs = INTERVAL_MS): void {
  if (state.__attachmentTextWorker) return;
  state.__attachmentTextWorker = {
    timer: setInterval(() => void tick(), intervalMs),
    running: null,
    again: false,
    stopping: false,
    recovered: false,
  };
  state.__attachmentTextWorker.timer.unref();
  // A committed save may have queued attachments (a database trigger, ADR 026): look at once.
  afterEveryCommit("attachment-text", () => void tick());
  log.info({ intervalMs }, "attachment text worker started");
  void tick();
}

/** Waits until nothing is being extracted (tests, the reindex command). */
export async function attachmentTextWorkerIdle(): Promise<void> {
  while (state.__attachmentTextWorker?.running) await state.__attachmentTextWorker.running;
}

/** Stops the loop; the attachment being read is abandoned (queued again at the next start). */
export async function stopAttachmentTextWorker(): Promise<void> {
  const worker = state.__attachmentTextWorker;
  if (!worker) return;
  worker.stopping = true;
  clearInterval(worker.timer);
  afterEveryCommit("attachment-text", undefined);
  await stopExtractReader();
  await worker.running;
  state.__attachmentTextWorker = undefined;
  await stopExtractReader();
  log.info("attachment text worker stopped");
}
