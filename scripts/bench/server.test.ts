import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { npmStartEnvironment } from "./server";

const root = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(os.tmpdir(), "bench-server-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function withStartScript(start: string) {
  const dir = mkdtempSync(path.join(scratch, "p-"));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ scripts: { start } }));
  return dir;
}

describe("the benches start the server with npm start's environment", () => {
  it("reads the variables this project's start script sets (the benches measured without them before)", () => {
    const env = npmStartEnvironment(root);
    expect(Object.keys(env).length).toBeGreaterThan(0);
    expect(env.MALLOC_MMAP_THRESHOLD_).toMatch(/^\d+$/);
  });

  it("reads each NAME=value after env, and nothing from a script without one", () => {
    expect(npmStartEnvironment(withStartScript("exec env A=1 B_2=x/y node scripts/start.mjs"))).toEqual({
      A: "1",
      B_2: "x/y",
    });
    expect(npmStartEnvironment(withStartScript("node scripts/start.mjs"))).toEqual({});
  });
});
