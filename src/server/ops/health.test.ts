import { describe, expect, it } from "vitest";
import type { MailWorkerStatus } from "@/server/mail/wake";
import { BACKLOG_WARNING_AGE_MS, evaluateReadiness, type ReadinessFacts, STUCK_TICK_MS } from "./health";

const NOW = Date.parse("2026-12-06T10:00:00Z");
const worker = (over: Partial<MailWorkerStatus> = {}): MailWorkerStatus => ({
  running: true,
  intervalMs: 5_000,
  startedAt: NOW - 3_600_000,
  tickStartedAt: NOW - 2_100,
  tickEndedAt: NOW - 2_000,
  busy: false,
  ...over,
});
const healthy = (over: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  stopping: false,
  database: { ok: true, latencyMs: 1.2 },
  migrations: { pending: [], unknown: [] },
  worker: worker(),
  outbox: { queued: 2, sending: 0, failed: 0, oldestQueuedAt: new Date(NOW - 30_000) },
  ...over,
});

describe("evaluateReadiness", () => {
  it("is ready when the database answers, every migration is applied and the worker ticks; reports the backlog", () => {
    const r = evaluateReadiness(healthy(), NOW);
    expect(r.status).toBe("ready");
    expect(r.checks.database).toEqual({ ok: true, latencyMs: 1.2 });
    expect(r.checks.mailWorker).toMatchObject({ ok: true, lastTickAgeSeconds: 2 });
    expect(r.outbox).toEqual({ queued: 2, sending: 0, failed: 0, oldestQueuedAgeSeconds: 30 });
    expect(r.warnings).toEqual([]);
  });

  it.each<[string, Partial<ReadinessFacts>, string, unknown]>([
    [
      "database down",
      { database: { ok: false, error: "connect ECONNREFUSED" }, migrations: null, outbox: null },
      "database",
      { ok: false, error: "connect ECONNREFUSED" },
    ],
    [
      "a migration not applied",
      { migrations: { pending: ["20261206_x"], unknown: [] } },
      "migrations",
      { ok: false, pending: ["20261206_x"] },
    ],
    [
      "a migration applied that this build does not know (older build on a newer database)",
      { migrations: { pending: [], unknown: ["20270101_future"] } },
      "migrations",
      { ok: false, unknownApplied: ["20270101_future"] },
    ],
    ["no worker in this process", { worker: null }, "mailWorker", { ok: false }],
    [
      "worker silent for longer than 3 intervals (at least a minute)",
      { worker: worker({ tickEndedAt: NOW - 61_000 }) },
      "mailWorker",
      { ok: false, lastTickAgeSeconds: 61 },
    ],
    [
      "a delivery run stuck for over 10 minutes",
      { worker: worker({ busy: true, tickStartedAt: NOW - STUCK_TICK_MS - 1 }) },
      "mailWorker",
      { ok: false },
    ],
  ])("is not ready: %s", (_name, over, check, expected) => {
    const r = evaluateReadiness(healthy(over), NOW);
    expect(r.status).toBe("not_ready");
    expect(r.checks[check as keyof typeof r.checks]).toMatchObject(expected as object);
  });

  it("keeps a long but live delivery run (slow SMTP) ready", () => {
    const r = evaluateReadiness(
      healthy({ worker: worker({ busy: true, tickStartedAt: NOW - 120_000, tickEndedAt: NOW - 125_000 }) }),
      NOW,
    );
    expect(r.status).toBe("ready");
  });

  it("says stopping while the server shuts down, whatever the checks", () => {
    expect(evaluateReadiness(healthy({ stopping: true }), NOW).status).toBe("stopping");
  });

  it("warns, but stays ready, when mail waits long or failed for good", () => {
    const r = evaluateReadiness(
      healthy({
        outbox: { queued: 40, sending: 1, failed: 1, oldestQueuedAt: new Date(NOW - BACKLOG_WARNING_AGE_MS - 60_000) },
      }),
      NOW,
    );
    expect(r.status).toBe("ready");
    expect(r.warnings).toEqual([
      "mail has been waiting 16 minutes: is the SMTP server refusing?",
      "1 mail failed for good (see /outbox)",
    ]);
  });
});
