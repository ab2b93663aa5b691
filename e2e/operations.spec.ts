/**
 * Issue 19, for operators — against a second production server (same build, its own data), started as
 * an operator starts it, `npm start` (→ scripts/start.mjs, which serves: ADR 035):
 *  - /healthz and /readyz answer JSON a load balancer reads (database, migrations, mail worker, outbox backlog);
 *  - every request leaves one JSON log line (request id, route, status, duration) and the id comes back as
 *    X-Request-Id;
 *  - SIGTERM to the start process while a keep-alive connection idles and an upload is still arriving: the upload
 *    is answered, the process exits within 10 s, the port is free at once, and the next start on the same data
 *    finds the statement (the embedded database was closed cleanly).
 * On PostgreSQL (E2E_DATABASE_URL) the server uses a throwaway schema of its own.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { freePort, launchApp, type RunningApp, waitUntilReady } from "../scripts/bench/server";
import type { Readiness } from "../src/server/ops/health";
import { formGroupIds, quicToSg15Submission, signInOverHttp } from "./support/app-http";

const ROOT = path.resolve(import.meta.dirname, "..");

function postgresTarget(): { url: string; schema: string; appUrl: string } | null {
  const configured = process.env.E2E_DATABASE_URL;
  if (!configured) return null;
  const parsed = new URL(configured);
  const schema = `${parsed.searchParams.get("schema") ?? "e2e"}_ops`.slice(0, 63);
  parsed.searchParams.delete("schema");
  const appUrl = new URL(parsed);
  appUrl.searchParams.set("schema", schema);
  return { url: parsed.toString(), schema, appUrl: appUrl.toString() };
}

async function dropSchema(target: ReturnType<typeof postgresTarget>) {
  if (!target) return;
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
  await client.end();
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });

/** The JSON lines of the app's log (everything else — Next.js's own banner — is skipped). */
function jsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test("health checks, request logs and a graceful stop of `npm start`", async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "liaison-ops-"));
  const postgres = postgresTarget();
  await dropSchema(postgres);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: base,
    DATA_DIR: dataDir,
    DATABASE_URL: postgres?.appUrl ?? "",
    SMTP_URL: "",
    AUTH_SECRET: randomBytes(36).toString("base64url"),
    SKIP_BUILD: "1", // the e2e run built the app already (global setup)
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const apps: RunningApp[] = [];
  const start = async (round: number) => {
    const app = launchApp({
      root: ROOT,
      port,
      env,
      logFile: path.join(dataDir, `app-${round}.log`),
      log: () => {},
      viaNpm: true,
    });
    apps.push(app);
    await waitUntilReady(app, 120_000);
    return app;
  };
  try {
    const app = await start(1);

    // --- health checks
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("cache-control")).toContain("no-store");
    expect(await health.json()).toMatchObject({ status: "ok" });
    // The worker's first tick may still be running just after start: readiness comes within seconds.
    await expect.poll(async () => (await fetch(`${base}/readyz`)).status, { timeout: 30_000 }).toBe(200);
    const ready = (await (await fetch(`${base}/readyz`)).json()) as Readiness;
    expect(ready.status).toBe("ready");
    expect(ready.checks.database.ok).toBe(true);
    expect(ready.checks.migrations).toMatchObject({ ok: true, pending: [] });
    expect(ready.checks.mailWorker.ok).toBe(true);
    expect(ready.outbox).toEqual(expect.objectContaining({ queued: expect.any(Number), failed: expect.any(Number) }));
    expect(Object.keys(ready.outbox ?? {})).toContain("oldestQueuedAgeSeconds");

    // --- request logs
    const page = await fetch(`${base}/statements/1?q=private+words`, {
      headers: { "x-request-id": "e2e-ops-0000001" },
    });
    expect(page.headers.get("x-request-id")).toBe("e2e-ops-0000001");
    await expect
      .poll(() => jsonLines(app.logFile).find((line) => line.reqId === "e2e-ops-0000001"), { timeout: 5_000 })
      .toMatchObject({
        component: "http",
        msg: "request",
        method: "GET",
        route: "/statements/:id",
        path: "/statements/1",
      });
    const line = jsonLines(app.logFile).find((l) => l.reqId === "e2e-ops-0000001")!;
    expect(typeof line.status).toBe("number");
    expect(typeof line.durationMs).toBe("number");
    expect(JSON.stringify(line)).not.toContain("private");
    expect(jsonLines(app.logFile).some((l) => l.component === "mail" && l.msg === "mail worker started")).toBe(true);
    // The start line names the Node.js the server runs on (ADR 048), for an operator reading the log.
    const started = jsonLines(app.logFile).find((l) => l.component === "start" && l.msg === "starting the server");
    expect(started?.node).toMatch(/^v\d+\.\d+\.\d+$/);

    // --- graceful stop: an idle keep-alive connection, and an upload whose body is still arriving
    const agent = new http.Agent({ keepAlive: true });
    // (wrapped: resolving with the promise itself would wait for it)
    const { closed: idleClosed } = await new Promise<{ closed: Promise<void> }>((resolve, reject) => {
      const request = http.get(`${base}/healthz`, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ closed }));
      });
      let closed!: Promise<void>;
      request.on("socket", (socket) => {
        closed = new Promise<void>((r) => socket.once("close", () => r()));
      });
      request.on("error", reject);
    });
    const chair = await signInOverHttp(base, "chair@example.org");
    const ids = await formGroupIds(chair);
    const fields = {
      ...quicToSg15Submission(
        { quic: ids.from.get("quic"), sg15: ids.to.get("itu-t-sg15") },
        "Saved during a stop",
        "x",
      ),
      intent: "save",
    };
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append("attachments", new Blob([randomBytes(2 * 1024 * 1024)]), "stop.pdf");
    form.append("attachmentTitles", "stop.pdf");
    const encoded = new Response(form); // one encoding: its boundary is in both the type and the bytes
    const contentType = encoded.headers.get("content-type")!;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    let sentHalf!: () => void;
    const halfSent = new Promise<void>((r) => {
      sentHalf = r;
    });
    // The body arrives in two halves, 3 s apart; the signal comes in between.
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(bytes.subarray(0, bytes.length / 2));
        sentHalf();
        await new Promise((r) => setTimeout(r, 3_000));
        controller.enqueue(bytes.subarray(bytes.length / 2));
        controller.close();
      },
    });
    const upload = fetch(`${base}/statements/save`, {
      method: "POST",
      headers: {
        cookie: chair.cookie,
        origin: base,
        "content-type": contentType,
        "content-length": String(bytes.length),
      },
      body,
      duplex: "half",
    } as RequestInit);
    await halfSent;
    await new Promise((r) => setTimeout(r, 500));
    const exited = new Promise<number>((resolve) => {
      const timer = setInterval(() => {
        if (!app.alive()) {
          clearInterval(timer);
          resolve(Date.now());
        }
      }, 20);
    });
    const signalledAt = Date.now();
    // To `npm start` only, as a service manager or a container stop does (before, npm went away and left the
    // server running, holding the port).
    process.kill(app.pid, "SIGTERM");
    const answer = await upload;
    const saved = (await answer.json()) as { status: string; redirectTo?: string };
    expect(answer.status, JSON.stringify(saved)).toBe(200);
    expect(saved.status).toBe("success");
    expect(answer.headers.get("connection")).toBe("close");
    const id = Number(/\/statements\/(\d+)$/.exec(saved.redirectTo ?? "")?.[1]);
    expect(id).toBeGreaterThan(0);
    await idleClosed; // the idle keep-alive connection did not hold the stop
    const exitAt = await exited;
    expect(exitAt - signalledAt).toBeLessThan(10_000);
    expect(await portIsFree(port)).toBe(true);
    const stopped = jsonLines(app.logFile).find((l) => l.msg === "stopped");
    expect(stopped).toMatchObject({ clean: true });
    agent.destroy();

    // --- the next start on the same data: the statement saved during the stop is there
    await start(2);
    const again = await signInOverHttp(base, "chair@example.org");
    const statement = await fetch(`${base}/statements/${id}`, { headers: { cookie: again.cookie } });
    expect(statement.status).toBe(200);
    expect(await statement.text()).toContain("Saved during a stop");
  } finally {
    for (const app of apps) await app.stop();
    await dropSchema(postgres);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
