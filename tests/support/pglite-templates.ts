/**
 * Vitest global setup of the integration project: the PGlite template databases, made once per run.
 *
 * A fresh in-memory PGlite runs initdb (a second WebAssembly Postgres plus initdb's own), then every
 * migration, then (for the demo world) the demo data: seconds per test file, times ~55 files. Instead this
 * makes each state once and dumps its data directory (`dumpDataDir`); a test file's database then starts
 * from the dump (`loadDataDir`), a byte-for-byte copy of what the same steps would have produced.
 * See docs/testing.md and docs/decisions/032-test-speed.md.
 *
 * PostgreSQL (TEST_DATABASE_URL) has no templates: each file migrates (and seeds) its own schema as before.
 * TEST_PGLITE_TEMPLATES=0 turns them off on PGlite too (each file runs initdb, migrate and seedDemo itself),
 * e.g. to rule them out when a test fails, or to measure what they save.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import { seedDemo } from "@/server/seed/seed-demo";

export interface PgliteTemplates {
  /** initdb only (createTestDatabase({ migrated: false })) */
  empty: string;
  /** every migration applied */
  migrated: string;
  /** migrated, then seedDemo(db, { now: demoSeededAt }) */
  demo: string;
  /** the demo data's attachment files (the file store's root), copied into each demo world's own store */
  demoAttachments: string;
  /** the `now` the demo data was seeded with (ISO) */
  demoSeededAt: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplates: PgliteTemplates | null;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL || process.env.TEST_PGLITE_TEMPLATES === "0") {
    project.provide("pgliteTemplates", null);
    return;
  }
  const started = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), "liaison-pglite-templates-"));
  const file = (name: string) => path.join(dir, name);
  const db = await openDatabase({ kind: "pglite" });
  try {
    const save = async (name: string) => {
      // A checkpoint first: every copy then starts without replaying the write-ahead log.
      await db.sql.exec("CHECKPOINT");
      const tarball = await (db.dumpDataDir as () => Promise<Blob>)();
      writeFileSync(file(name), new Uint8Array(await tarball.arrayBuffer()));
      return file(name);
    };
    const empty = await save("empty.tar");
    await migrate(db.sql);
    const migrated = await save("migrated.tar");
    const demoSeededAt = new Date();
    await seedDemo(db, { now: demoSeededAt });
    const demo = await save("demo.tar");
    const demoAttachments = file("demo-attachments");
    cpSync(db.attachments.directory as string, demoAttachments, { recursive: true });
    project.provide("pgliteTemplates", {
      empty,
      migrated,
      demo,
      demoAttachments,
      demoSeededAt: demoSeededAt.toISOString(),
    });
  } finally {
    await db.close();
  }
  console.log(`[templates] PGlite template databases made in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return () => rmSync(dir, { recursive: true, force: true });
}
