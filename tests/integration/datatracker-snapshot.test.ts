/**
 * Issue 17: `--snapshot <url> --out <dir>` against a local server that pages and filters like tastypie:
 * follows `meta.next`, asks for limit=1000, only the people it needs, resumes after an interruption without
 * refetching what it has, and writes the exact directory layout the importer reads.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDatatracker } from "@/server/import/import-datatracker";
import { takeSnapshot } from "@/server/import/snapshot";
import { buildArchive, STATEMENT_COUNT } from "../support/datatracker-archive";
import { startTastypieServer, type TastypieServer } from "../support/tastypie-server";
import { testEngine, useTestDatabase } from "../support/test-database";

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest helper named like a hook, not a React hook
const db = useTestDatabase();
const root = mkdtempSync(path.join(tmpdir(), "dt-snapshot-"));
const { archive } = buildArchive();
let server: TastypieServer;
beforeAll(async () => {
  server = await startTastypieServer(archive);
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe(`Datatracker snapshot over HTTP (${testEngine})`, () => {
  it("the test server answers like tastypie: default limit 20, relative next, 400 on an unknown filter", async () => {
    const first = await (await fetch(`${server.url}/api/v1/liaisons/liaisonstatement/?format=json`)).json();
    expect(first.meta).toMatchObject({ limit: 20, offset: 0, previous: null, total_count: STATEMENT_COUNT });
    expect(first.meta.next).toBe("/api/v1/liaisons/liaisonstatement/?format=json&limit=20&offset=20");
    expect(first.objects).toHaveLength(20);
    expect((await fetch(`${server.url}/api/v1/liaisons/liaisonstatement/?colour=red`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/v1/group/group/?order_by=id`)).status).toBe(400);
  });

  it("follows meta.next with limit=1000 and saves every page in the directory layout, resuming after a failure", async () => {
    const out = path.join(root, "snap");
    // Small pages so that following `next` matters; the crawl asks for limit=1000 and the server caps it.
    let calls = 0;
    const failing: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 12) throw new Error("connection reset (simulated)");
      return fetch(input, init);
    };
    await expect(
      takeSnapshot({ baseUrl: server.url, outDir: out, delayMs: 0, limit: 50, fetch: failing }),
    ).rejects.toThrow(/connection reset/);
    const before = server.requests.length;
    const result = await takeSnapshot({ baseUrl: server.url, outDir: out, delayMs: 0, limit: 50 });
    const resumed = server.requests.slice(before);
    // The pages saved before the failure are not fetched again.
    expect(resumed.length).toBe(result.requests);
    expect(resumed.length + 11).toBe(new Set(server.requests.slice(before - 11)).size);
    expect(readdirSync(path.join(out, "liaisons/liaisonstatement")).sort()).toEqual(
      ["0.json", "1.json", "2.json", "3.json", "4.json"].sort(),
    );
    const page = JSON.parse(readFileSync(path.join(out, "liaisons/liaisonstatement/1.json"), "utf8"));
    expect(Object.keys(page).sort()).toEqual(["meta", "objects"]);
    expect(page.meta.offset).toBe(50);
    expect(server.requests.some((r) => r.includes("/group/role/?") && r.includes("name__in=chair,secr,ad"))).toBe(true);
    expect(server.requests.some((r) => r.includes("/person/person/?") && r.includes("id__in="))).toBe(true);
    expect(server.requests.every((r) => !r.includes("/person/person/?") || r.includes("id__in="))).toBe(true);
  });

  it("a snapshot imports like the archive it was taken from", async () => {
    const out = path.join(root, "full");
    const first = await takeSnapshot({ baseUrl: server.url, outDir: out, delayMs: 0 });
    expect(first.requests).toBeGreaterThan(10);
    expect(server.requests.at(-1)).toContain("limit=1000");
    const requests = server.requests.length;
    // A finished snapshot run again fetches nothing.
    expect((await takeSnapshot({ baseUrl: server.url, outDir: out, delayMs: 0 })).requests).toBe(0);
    expect(server.requests.length).toBe(requests);
    const report = await importDatatracker(db().prisma, { sourceDir: out, now: new Date("2026-12-01T12:00:00Z") });
    expect(report.problems).toEqual([]);
    expect(report.resources["liaisons/liaisonstatement"]).toMatchObject({ created: STATEMENT_COUNT });
    expect(report.resources["person/person"]!.created).toBe(10); // everyone but (System), which is ours
    expect(await db().prisma.statementEvent.count()).toBe(archive["liaisons/liaisonstatementevent"]!.length);
  });
});
