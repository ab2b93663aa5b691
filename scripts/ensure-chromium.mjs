#!/usr/bin/env node
// Finds (or installs) a Chromium the end-to-end tests can drive, proves it starts, and records the choice
// in node_modules/.cache/liaison-chromium-path for playwright.config.ts. Never skips silently: when no
// browser can be had it exits non-zero and says why.
//
// Order: $CHROMIUM_PATH (an explicit choice: used or fail), /usr/bin/chromium-headless-shell (installed first
// with apt-get when running as root: ADR 040), /usr/bin/chromium, /usr/bin/chromium-browser; else, as root
// with apt-get, install Debian's chromium; else Playwright's own build (`npx playwright install chromium`,
// where that download is reachable).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHOICE_FILE = path.join(root, "node_modules", ".cache", "liaison-chromium-path");
/** Written to CHOICE_FILE when Playwright's own browser is used (no executablePath). */
const PLAYWRIGHT_BUNDLED = "playwright-bundled";
/**
 * Chromium's headless shell: the browser without its desktop UI, the one Playwright itself runs headless tests
 * in. It costs about half the CPU of the full browser's headless mode (ADR 040), so it comes first.
 */
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const SYSTEM_CANDIDATES = [HEADLESS_SHELL, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
// Without these, Chromium waits on blocked network calls (updates, sync, QUIC) and hangs.
const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const log = (message) => console.log(`[ensure-chromium] ${message}`);

function fail(message) {
  console.error(`[ensure-chromium] ERROR: ${message}`);
  console.error(
    "[ensure-chromium] The end-to-end tests need Chromium. Install it (Debian: `apt-get install -y chromium`)" +
      " or set CHROMIUM_PATH to a Chromium/Chrome binary.",
  );
  process.exit(1);
}

function run(command, args, extraEnv = {}) {
  log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  return result.status === 0;
}

function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** Starts the browser through Playwright and opens a page: the only proof that it is usable. */
async function launches(executablePath) {
  const label = executablePath ?? "Playwright's own Chromium";
  try {
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS, timeout: 60_000 });
    try {
      const page = await browser.newPage();
      await page.setContent("<title>ok</title>");
      const version = browser.version();
      return { ok: true, version };
    } finally {
      await browser.close();
    }
  } catch (error) {
    const first = String(error?.message ?? error)
      .split("\n")
      .slice(0, 2)
      .join("\n    ");
    log(`${label} does not start:\n    ${first}`);
    return { ok: false };
  }
}

function record(choice, version, how) {
  mkdirSync(path.dirname(CHOICE_FILE), { recursive: true });
  writeFileSync(CHOICE_FILE, `${choice}\n`);
  const what = choice === PLAYWRIGHT_BUNDLED ? "Playwright's own Chromium" : choice;
  log(`using ${what} (${version})${how ? `, ${how}` : ""}`);
  console.log(choice);
  process.exit(0);
}

async function trySystemCandidates(how) {
  for (const candidate of SYSTEM_CANDIDATES) {
    if (!existsSync(candidate)) continue;
    const result = await launches(candidate);
    if (result.ok) record(candidate, result.version, how);
  }
}

const explicit = process.env.CHROMIUM_PATH;
if (explicit) {
  if (!existsSync(explicit)) fail(`CHROMIUM_PATH=${explicit} does not exist.`);
  const result = await launches(explicit);
  if (!result.ok) fail(`CHROMIUM_PATH=${explicit} is set but that browser does not start (see above).`);
  record(explicit, result.version, "from CHROMIUM_PATH");
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const env = { DEBIAN_FRONTEND: "noninteractive" };
if (!existsSync(HEADLESS_SHELL) && isRoot && hasCommand("apt-get")) {
  log("installing Debian's chromium-headless-shell with apt-get (running as root): the end-to-end tests' browser");
  const installShell = () => run("apt-get", ["install", "-y", "chromium-headless-shell"], env);
  if (installShell() || (run("apt-get", ["update"], env) && installShell())) {
    await trySystemCandidates("installed just now with apt-get");
  } else {
    log("apt-get could not install chromium-headless-shell; trying the full Chromium");
  }
}

await trySystemCandidates("");

if (isRoot && hasCommand("apt-get")) {
  log("no usable Chromium found: installing Debian's chromium package with apt-get (running as root)");
  if (run("apt-get", ["update"], env) && run("apt-get", ["install", "-y", "chromium"], env)) {
    await trySystemCandidates("installed just now with apt-get");
  }
  log("apt-get did not give a usable Chromium");
} else {
  log(`no usable Chromium found; not installing with apt-get (${isRoot ? "apt-get not available" : "not root"})`);
}

log("trying Playwright's own browser download: npx playwright install chromium");
if (run("npx", ["--no-install", "playwright", "install", "chromium"])) {
  const result = await launches(undefined);
  if (result.ok) record(PLAYWRIGHT_BUNDLED, result.version, "installed just now with `playwright install chromium`");
}

fail(
  `no usable Chromium: none of ${SYSTEM_CANDIDATES.join(", ")} starts, and neither apt-get nor ` +
    "`npx playwright install chromium` could provide one.",
);
