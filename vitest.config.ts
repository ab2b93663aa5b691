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
    // has its own process and its own database (a PGlite copy, or a PostgreSQL schema), so files do not share
    // state. In `npm test` the production build shares the cores for its first minutes. ADR 037, docs/testing.md.
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
