import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import { prisma } from "@/server/db";
import { type MailWorkerStatus, mailWorkerStatus } from "@/server/mail/wake";
import { isStopping, processStartedAt } from "./process-state";

/**
 * /healthz and /readyz (issue 19): what a load balancer or a monitor asks.
 * - Liveness: the process answers HTTP. Nothing else is checked, so a database outage does not get the
 *   process restarted in a loop.
 * - Readiness: the database answers, every migration of this build is applied, the in-process mail worker is
 *   alive, and the process is not stopping. The outbox backlog (queued mail, the oldest one's age) is reported
 *   beside it and raises a warning, but does not make the app unready: people can still work while mail waits.
 */

/** A worker tick may legitimately take long (a slow SMTP server, 20 mails a batch); beyond this it is stuck. */
export const STUCK_TICK_MS = 10 * 60_000;
/** Mail waiting longer than this is worth a warning (the SMTP server is probably refusing). */
export const BACKLOG_WARNING_AGE_MS = 15 * 60_000;

export interface ReadinessFacts {
  stopping: boolean;
  database: { ok: true; latencyMs: number } | { ok: false; error: string };
  /** migrations of this build not applied, and applied ones this build does not know (null: not checked) */
  migrations: { pending: string[]; unknown: string[] } | null;
  worker: MailWorkerStatus | null;
  outbox: { queued: number; sending: number; failed: number; oldestQueuedAt: Date | null } | null;
}

export interface Check {
  ok: boolean;
  [detail: string]: unknown;
}

export interface Readiness {
  status: "ready" | "not_ready" | "stopping";
  checks: { database: Check; migrations: Check; mailWorker: Check };
  outbox: {
    queued: number;
    sending: number;
    failed: number;
    oldestQueuedAgeSeconds: number | null;
  } | null;
  warnings: string[];
}

const seconds = (ms: number) => Math.round(ms / 1000);

function workerCheck(worker: MailWorkerStatus | null, now: number): Check {
  if (!worker) return { ok: false, reason: "no mail worker runs in this process" };
  if (!worker.running) return { ok: false, reason: "the mail worker is stopping" };
  const lastTickAgeSeconds = worker.tickEndedAt ? seconds(now - worker.tickEndedAt) : null;
  if (worker.busy && worker.tickStartedAt && now - worker.tickStartedAt > STUCK_TICK_MS) {
    return { ok: false, reason: "a delivery run has not finished for over 10 minutes", lastTickAgeSeconds };
  }
  // Idle between ticks: the next one is due every intervalMs (and at once after mail is queued).
  const quietFor = now - Math.max(worker.tickEndedAt, worker.startedAt);
  const allowed = Math.max(3 * worker.intervalMs, 60_000);
  if (!worker.busy && quietFor > allowed) {
    return { ok: false, reason: `no delivery run for ${seconds(quietFor)} s`, lastTickAgeSeconds };
  }
  return { ok: true, intervalSeconds: worker.intervalMs / 1000, lastTickAgeSeconds, busy: worker.busy };
}

/** Pure: the facts → the answer (unit-tested over every case). */
export function evaluateReadiness(facts: ReadinessFacts, now: number): Readiness {
  const database: Check = facts.database.ok
    ? { ok: true, latencyMs: facts.database.latencyMs }
    : { ok: false, error: facts.database.error };
  const migrations: Check = facts.migrations
    ? {
        ok: facts.migrations.pending.length === 0 && facts.migrations.unknown.length === 0,
        pending: facts.migrations.pending,
        ...(facts.migrations.unknown.length ? { unknownApplied: facts.migrations.unknown } : {}),
      }
    : { ok: false, error: "not checked: the database did not answer" };
  const mailWorker = workerCheck(facts.worker, now);
  const oldestAgeMs = facts.outbox?.oldestQueuedAt ? now - facts.outbox.oldestQueuedAt.getTime() : null;
  const warnings: string[] = [];
  if (oldestAgeMs !== null && oldestAgeMs > BACKLOG_WARNING_AGE_MS) {
    warnings.push(`mail has been waiting ${Math.floor(oldestAgeMs / 60_000)} minutes: is the SMTP server refusing?`);
  }
  if (facts.outbox && facts.outbox.failed > 0) {
    warnings.push(`${facts.outbox.failed} mail${facts.outbox.failed === 1 ? "" : "s"} failed for good (see /outbox)`);
  }
  const ok = database.ok && migrations.ok && mailWorker.ok;
  return {
    status: facts.stopping ? "stopping" : ok ? "ready" : "not_ready",
    checks: { database, migrations, mailWorker },
    outbox: facts.outbox
      ? {
          queued: facts.outbox.queued,
          sending: facts.outbox.sending,
          failed: facts.outbox.failed,
          oldestQueuedAgeSeconds: oldestAgeMs === null ? null : seconds(oldestAgeMs),
        }
      : null,
    warnings,
  };
}

const DATABASE_TIMEOUT_MS = 2_000;

/**
 * The migrations this build ships (the folders of prisma/migrations, as src/server/db/migrate.ts applies them),
 * read once. Not through migrate.ts: the bundler would trace its file reads into every route.
 */
let shipped: string[] | undefined;
function shippedMigrations(): string[] {
  shipped ??= readdirSync(path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations"), {
    withFileTypes: true,
  })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return shipped;
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref());
}

/** Gathers the facts from this process and its database. */
export async function readinessFacts(): Promise<ReadinessFacts> {
  const base = { stopping: isStopping(), worker: mailWorkerStatus() };
  const started = performance.now();
  try {
    const db = await Promise.race([prisma(), timeout(DATABASE_TIMEOUT_MS)]);
    const [applied, byState, oldest] = await Promise.race([
      Promise.all([
        db.$queryRaw<{ migration_name: string }[]>`
          SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        db.mail.groupBy({ by: ["state"], _count: { _all: true } }),
        db.mail.findFirst({
          where: { state: { in: ["queued", "sending"] } },
          orderBy: { createdAt: "asc" },
          select: { createdAt: true },
        }),
      ]),
      timeout(DATABASE_TIMEOUT_MS),
    ]);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const known = shippedMigrations();
    const done = new Set(applied.map((row) => row.migration_name));
    const count = (state: string) => byState.find((row) => row.state === state)?._count._all ?? 0;
    return {
      ...base,
      database: { ok: true, latencyMs },
      migrations: {
        pending: known.filter((name) => !done.has(name)),
        unknown: [...done].filter((name) => !known.includes(name)).sort(),
      },
      outbox: {
        queued: count("queued"),
        sending: count("sending"),
        failed: count("failed"),
        oldestQueuedAt: oldest?.createdAt ?? null,
      },
    };
  } catch (error) {
    return {
      ...base,
      database: { ok: false, error: error instanceof Error ? error.message : String(error) },
      migrations: null,
      outbox: null,
    };
  }
}

export interface Liveness {
  status: "ok" | "stopping";
  uptimeSeconds: number;
}

export function liveness(now = Date.now()): Liveness {
  return { status: isStopping() ? "stopping" : "ok", uptimeSeconds: seconds(now - processStartedAt()) };
}
