import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      // `server-only` throws outside React Server Components; tests import server code directly.
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only-stub.ts"),
    },
  },
  test: {
    // Two test files at a time on the 2-core machine (Vitest's default is cores − 1 = 1). Each integration file
    // has its own worker thread (module graph, globals, process.env) and its own database (a PGlite copy, or a
    // PostgreSQL schema), so files do not share state. In `npm test` the production build shares the cores for its
    // first minutes. ADR 037, ADR 044, docs/testing.md.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
          // One worker process runs every unit file (no fresh process and module graph per file): about half
          // the unit project's time. Unit files mock nothing and keep no state between files; a test that
          // needs vi.mock, process.env or a database belongs in tests/integration (isolated). ADR 032.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Each file in a fresh worker thread, not a fresh child process (ADR 044). Still one file per worker and its
          // own module graph, globals and process.env (a thread's copy); but the process stays, and with it V8's
          // compiled WebAssembly (PGlite's Postgres, Prisma's query compiler), which a new process compiled again
          // for every file: 340 -> 233 s for this project. Memory figures must be the thread's own (v8's
          // getHeapStatistics), never process.memoryUsage(), which counts the other file's thread too.
          pool: "threads",
          // PGlite template databases, made once per run (docs/testing.md, ADR 032).
          globalSetup: ["tests/support/pglite-templates.ts"],
          // A temporary directory per file: two files run at once (maxWorkers above).
          setupFiles: ["tests/support/file-tmpdir.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
