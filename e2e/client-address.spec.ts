/**
 * TRUST_PROXY unset (the default: no reverse proxy in front): the sign-in rate limit's client is the
 * connection's own address, so a client cannot dodge the per-client limit by writing a new X-Forwarded-For
 * on every attempt. Runs against a second production server of its own (same build, fresh PGlite directory,
 * no TRUST_PROXY) — the shared e2e server trusts one proxy, because the specs play that proxy. A connection
 * from another local address (127.0.0.2) is a different client and may still try: the key is the socket's peer.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, launchApp, waitUntilReady } from "../scripts/bench/server";
import { callFormAction, serverActionId } from "./support/app-http";

const ROOT = path.resolve(import.meta.dirname, "..");
/** src/server/auth/rate-limit.ts LIMITS.perClient, restated: failures per client per 15 minutes */
const PER_CLIENT = 20;

/** The sign-in action called over a connection from `localAddress` (a loopback address of this machine). */
async function signInFrom(localAddress: string, baseUrl: string, actionId: string, fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(`_1_${name}`, value);
  form.append("0", '[{"status":"idle"},"$K1"]');
  const encoded = new Request(baseUrl, { method: "POST", body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  const url = new URL("/sign-in", baseUrl);
  const text = await new Promise<string>((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        localAddress,
        headers: {
          "content-type": encoded.headers.get("content-type") ?? "",
          "content-length": body.length,
          origin: baseUrl,
          "next-action": actionId,
          accept: "text/x-component",
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
  const row = /^1:(\{.*\})$/m.exec(text)?.[1];
  return row ? (JSON.parse(row) as { status?: string; code?: string; message?: string }) : { raw: text.slice(0, 300) };
}

test("a forged X-Forwarded-For does not give a client a fresh sign-in allowance", async () => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "liaison-client-address-"));
  const port = await freePort();
  const app = launchApp({
    root: ROOT,
    port,
    logFile: path.join(dataDir, "app.log"),
    log: () => {},
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      SMTP_URL: "",
      TRUST_PROXY: "",
      AUTH_SECRET: randomBytes(36).toString("base64url"),
      SKIP_BUILD: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  try {
    await waitUntilReady(app, 90_000);
    const signIn = serverActionId(ROOT, "src/actions/auth.ts", "signInWithPassword");
    const visitor = { baseUrl: app.baseUrl, cookie: "" };
    const attempt = (n: number) =>
      callFormAction(
        visitor,
        "/sign-in",
        signIn,
        // a new address each time (the per-address limit stays out of the way) and a new forged client
        { email: `nobody-${n}@example.org`, password: "wrong" },
        { "X-Forwarded-For": `203.0.113.${n}` },
      );
    for (let n = 1; n <= PER_CLIENT; n++) {
      const answer = await attempt(n);
      expect(answer.state, `attempt ${n}`).toMatchObject({
        status: "error",
        message: "The e-mail address or password is not correct.",
      });
    }
    const refused = await attempt(PER_CLIENT + 1);
    expect(refused.state).toMatchObject({ status: "error", code: "RATE_LIMITED" });
    expect(refused.state?.message).toMatch(/^Too many sign-in attempts/);

    // The key is the connection's real address (not one shared "unknown"): another local address still may try.
    const other = await signInFrom("127.0.0.2", app.baseUrl, signIn, {
      email: "nobody-x@example.org",
      password: "wrong",
    });
    expect(other).toMatchObject({ status: "error", message: "The e-mail address or password is not correct." });
    const locked = await signInFrom("127.0.0.1", app.baseUrl, signIn, {
      email: "nobody-y@example.org",
      password: "wrong",
    });
    expect(locked).toMatchObject({ status: "error", code: "RATE_LIMITED" });
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
