/**
 * The Datatracker cutover in the browser (issue 17): the same app and Chromium as playwright.config.ts, but the
 * global setup first imports the fixture archive twice into the fresh database (no demo data), then starts the
 * app; only e2e/datatracker-import.spec.ts runs. On PGlite by default, on PostgreSQL with E2E_DATABASE_URL:
 *   npx playwright test -c playwright.datatracker-import.config.ts
 */
import { defineConfig } from "@playwright/test";
import e2e from "./playwright.config";

process.env.E2E_IMPORT_DATATRACKER = "1";
// The worker's first tick queues due reminders: make it come quickly, so the spec sees it has happened.
process.env.MAIL_WORKER_INTERVAL_MS ??= "1000";

export default defineConfig({
  ...e2e,
  testMatch: /datatracker-import\.spec\.ts$/,
});
