/**
 * Playwright's `test`, extended with what the journeys need. Specs import { test, expect } from here.
 *  - expectNoA11yViolations(page): axe-core over the current page; fails on serious or critical issues.
 *  - mail: the messages the app sent, as captured by the SMTP sink (cleared when the test starts).
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page, type TestInfo } from "@playwright/test";
import type { CapturedMail } from "./mail-sink";

export type { CapturedMail, Mailbox } from "./mail-sink";
export { expect };

export interface A11yOptions {
  /** CSS selectors to leave out of the scan (use sparingly, and say why at the call site) */
  exclude?: string[];
  /** axe rule ids to skip (same) */
  disableRules?: string[];
}

export interface MailBox {
  /** every message received since this test started, oldest first */
  list(): Promise<CapturedMail[]>;
  /** the first message matching `predicate`, polling until `timeout` ms (default 15 s) */
  waitFor(
    predicate: (mail: CapturedMail) => boolean,
    options?: { timeout?: number; description?: string },
  ): Promise<CapturedMail>;
  /** forget every message received so far */
  clear(): Promise<void>;
}

const BLOCKING_IMPACTS = new Set(["serious", "critical"]);

/**
 * Runs axe on the page and fails with a readable list of serious and critical violations.
 * `setLegacyMode()`: axe.run() in the page itself, instead of runPartial() in each frame and finishRun() in a blank page
 * the builder opens for it (a new page, and axe injected into it, on every call); the app has no frames, so the rules
 * and the violations are the same. `resultTypes: ["violations"]`: the passing, incomplete and inapplicable checks
 * keep one example node each instead of all (≈ 950 on the archive list), which only the violations are read for.
 * Together: ≈ 1.85 s of CPU per call on /statements → ≈ 1 s (ADR 042).
 */
export async function expectNoA11yViolations(page: Page, options: A11yOptions = {}, testInfo?: TestInfo) {
  let builder = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] });
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  const blocking = results.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ""));
  if (testInfo && results.violations.length > 0) {
    await testInfo.attach(`axe ${page.url()}`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: "application/json",
    });
  }
  const report = blocking
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map((n) => {
          const summary = (n.failureSummary ?? "").replace(/\n\s*/g, " ").trim();
          return `    - ${n.target.join(" ")}\n      ${n.html.slice(0, 200)}\n      ${summary}`;
        })
        .join("\n");
      const more = v.nodes.length > 10 ? `\n    ... and ${v.nodes.length - 10} more` : "";
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join("\n");
  expect(blocking.length, `serious/critical accessibility violations on ${page.url()}:\n${report || "(none)"}`).toBe(0);
}

function mailApi(): string {
  const url = process.env.E2E_MAIL_URL;
  if (!url) throw new Error("E2E_MAIL_URL is not set: run the tests through playwright.config.ts (global setup)");
  return url;
}

async function fetchMessages(): Promise<CapturedMail[]> {
  const response = await fetch(`${mailApi()}/messages`);
  if (!response.ok) throw new Error(`mail sink answered HTTP ${response.status}`);
  return (await response.json()) as CapturedMail[];
}

async function clearMessages(): Promise<void> {
  const response = await fetch(`${mailApi()}/messages`, { method: "DELETE" });
  if (!response.ok) throw new Error(`mail sink answered HTTP ${response.status}`);
}

function describeMail(mail: CapturedMail): string {
  const list = (boxes: { address: string }[]) => boxes.map((b) => b.address).join(", ") || "-";
  return `#${mail.id} "${mail.subject}" to: ${list(mail.to)} cc: ${list(mail.cc)} reply-to: ${list(mail.replyTo)}`;
}

export const test = base.extend<{
  expectNoA11yViolations: (page: Page, options?: A11yOptions) => Promise<void>;
  mail: MailBox;
}>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  expectNoA11yViolations: async ({}, use, testInfo) => {
    await use((page, options) => expectNoA11yViolations(page, options, testInfo));
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  mail: async ({}, use) => {
    // Match on something unique to the test (e.g. the statement title): mail caused by an earlier
    // test may still arrive while this one runs.
    await clearMessages();
    const mailbox: MailBox = {
      list: fetchMessages,
      clear: clearMessages,
      async waitFor(predicate, options = {}) {
        const timeout = options.timeout ?? 15_000;
        const deadline = Date.now() + timeout;
        let seen: CapturedMail[] = [];
        while (true) {
          seen = await fetchMessages();
          const match = seen.find(predicate);
          if (match) return match;
          if (Date.now() >= deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        const received = seen.map(describeMail).join("\n  ") || "(none)";
        throw new Error(
          `No mail ${options.description ?? "matching the predicate"} within ${timeout} ms. Received:\n  ${received}`,
        );
      },
    };
    await use(mailbox);
  },
});

/** Fails when the page scrolls sideways (content wider than the viewport), e.g. on a phone. */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  const viewport = page.viewportSize();
  if (viewport) expect(clientWidth, "layout viewport is wider than the screen").toBeLessThanOrEqual(viewport.width);
  expect(
    scrollWidth,
    `${page.url()} is wider (${scrollWidth}px) than the screen (${clientWidth}px)`,
  ).toBeLessThanOrEqual(clientWidth);
}

/** A phone-size viewport (iPhone 12–15 class), for `test.use(PHONE)`. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };
