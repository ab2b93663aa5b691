/**
 * End-to-end tests: the real production app (started by e2e/support/global-setup.ts on a throwaway
 * database, with an in-process SMTP server capturing mail), driven by Chromium.
 * Run with `npm run test:e2e` (= node scripts/ensure-chromium.mjs && playwright test).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const CHOICE_FILE = path.join(import.meta.dirname, "node_modules", ".cache", "liaison-chromium-path");

/**
 * The browser scripts/ensure-chromium.mjs settled on, by the same lookup:
 * $CHROMIUM_PATH, Debian's chromium-headless-shell, Debian's Chromium, else Playwright's own build (no
 * executablePath).
 */
function chromiumPath(): string | undefined {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} does not exist`);
    return explicit;
  }
  const recorded = existsSync(CHOICE_FILE) ? readFileSync(CHOICE_FILE, "utf8").trim() : "";
  if (recorded === "playwright-bundled") return undefined;
  if (recorded && existsSync(recorded)) return recorded;
  return ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) =>
    existsSync(candidate),
  );
}

const isCI = !!process.env.CI;
type TraceMode = "off" | "on" | "retain-on-failure" | "on-first-retry" | "on-all-retries" | "retain-on-first-failure";

export default defineConfig({
  testDir: "e2e",
  // One app server and one database are shared: run specs one at a time (each stays independent).
  workers: 1,
  fullyParallel: false,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    // Set by the global setup (workers inherit it); the port falls back only when 3100 is busy.
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3100",
    // Recording a trace costs CPU on every test (DOM snapshots and a screencast, then thrown away when the
    // test passes): CI records it only when it retries a failed test; locally, E2E_TRACE=on|retain-on-failure|…
    // asks for one. ADR 040.
    trace: (process.env.E2E_TRACE as TraceMode | undefined) ?? (isCI ? "on-first-retry" : "retain-on-failure"),
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      // Without these, Chromium waits on blocked network calls and hangs.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});
