/**
 * `npm run screenshots`: every page at 390 and 1280 px wide, signed out and as each demo persona, written to
 * ./screenshots (git-ignored) so anyone can review the UI in a minute. The same app, database and Chromium as
 * the end-to-end tests (playwright.config.ts); only the specs differ (e2e/screenshots/*.screens.ts).
 */
import { defineConfig } from "@playwright/test";
import e2e from "./playwright.config";

export default defineConfig({
  ...e2e,
  testDir: "e2e/screenshots",
  testMatch: /\.screens\.ts$/,
  // One persona at a time takes minutes on a small machine.
  timeout: 15 * 60_000,
  retries: 0,
  reporter: [["list"]],
  use: { ...e2e.use, trace: "off", screenshot: "off" },
});
