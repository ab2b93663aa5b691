import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/** What MALLOC_MMAP_THRESHOLD_ the server process of `npm start` (scripts/start.sh) gets, given this environment. */
function thresholdUnder(env: Record<string, string>): string {
  const { DATABASE_URL: _url, MALLOC_MMAP_THRESHOLD_: _threshold, ...inherited } = process.env;
  // Options before the script go to node: -e prints the variable instead of starting the server.
  const run = spawnSync(
    "sh",
    ["scripts/start.sh", "-e", "console.log(process.env.MALLOC_MMAP_THRESHOLD_ ?? 'unset')"],
    {
      cwd: root,
      env: { ...inherited, ...env },
      encoding: "utf8",
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim();
}

describe("npm start's memory setting follows the database (scripts/start.sh)", () => {
  it("the embedded database keeps ADR 035's 64 KB mmap threshold (idle memory)", () => {
    expect(thresholdUnder({})).toBe("65536");
    expect(thresholdUnder({ DATABASE_URL: "" })).toBe("65536");
  });

  it("PostgreSQL gets the C library's default: the threshold doubled an upload's CPU there", () => {
    expect(thresholdUnder({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/liaisons" })).toBe("unset");
  });

  it("an operator's own setting wins on the embedded database", () => {
    expect(thresholdUnder({ MALLOC_MMAP_THRESHOLD_: "131072" })).toBe("131072");
  });
});

/** The Node.js that package.json pins for this platform (ADR 048), when npm installed it here. */
function pinnedRuntime(): string | undefined {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    optionalDependencies?: Record<string, string>;
  };
  const name = `node-${process.platform}-${process.arch}`;
  const version = pkg.optionalDependencies?.[name];
  return version && existsSync(path.join(root, "node_modules", name, "bin", "node")) ? `v${version}` : undefined;
}

describe("npm start runs the pinned Node.js (ADR 048)", () => {
  const pinned = pinnedRuntime();

  it.runIf(pinned)("even when an operator starts scripts/start.sh with only the system's node on PATH", () => {
    const run = spawnSync("sh", ["scripts/start.sh", "-e", "console.log(process.version)"], {
      cwd: root,
      env: { ...process.env, PATH: "/usr/local/bin:/usr/bin:/bin" },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(pinned);
  });

  it("with V8's young generation at Node 20's size (32 MB): Node 24's default lets it grow to 128 MB", () => {
    // A script given to start.sh runs in place of the server: short-lived garbage by the million, then the size V8
    // let the new space grow to.
    for (const env of [{}, { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/liaisons" }]) {
      const run = spawnSync("sh", ["scripts/start.sh", "tests/fixtures/young-generation.mjs"], {
        cwd: root,
        env: { ...process.env, ...env },
        encoding: "utf8",
      });
      expect(run.status, run.stderr).toBe(0);
      expect(Number(run.stdout.trim())).toBeLessThanOrEqual(40);
    }
  });

  it.runIf(pinned)("and the tests run on it (npm puts node_modules/.bin first on PATH)", () => {
    expect(process.version).toBe(pinned);
  });
});
