/**
 * What the server process holds in memory, for `npm run bench:memory` (issue 19) and for an operator: on SIGUSR2
 * the server (scripts/serve.ts) writes one `"msg":"memory"` log line with this report. Nothing is served over
 * HTTP.
 *
 * The embedded database (PGlite, WebAssembly Postgres) registers a probe for the size of its WebAssembly memory
 * (src/server/db/connection.ts); the registry is on globalThis because the server script and the modules
 * Next.js bundles are the same process but different module instances (like process-state.ts).
 *
 * No `import "server-only"`: scripts/serve.ts, outside Next.js's react-server condition, reads it.
 */

const MiB = 1024 * 1024;

const holder = globalThis as unknown as { __liaisonMemoryProbes?: Map<string, () => number> };

/** Registers a named size in bytes to report, e.g. PGlite's WebAssembly memory. */
export function setMemoryProbe(name: string, probe: () => number): void {
  holder.__liaisonMemoryProbes ??= new Map();
  holder.__liaisonMemoryProbes.set(name, probe);
}

/** Removes the probe registered under `name`, if it is still `probe` (a database closed after another opened). */
export function removeMemoryProbe(name: string, probe: () => number): void {
  if (holder.__liaisonMemoryProbes?.get(name) === probe) holder.__liaisonMemoryProbes.delete(name);
}

export interface MemoryReport {
  /** MiB, one decimal */
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  /** the registered probes, MiB (e.g. `pgliteWasm`: PGlite's WebAssembly memory, all of it, touched or not) */
  probes: Record<string, number>;
}

const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

export function memoryReport(): MemoryReport {
  const usage = process.memoryUsage();
  const probes: Record<string, number> = {};
  for (const [name, probe] of holder.__liaisonMemoryProbes ?? []) {
    try {
      probes[name] = mib(probe());
    } catch {
      // a closed database: nothing to report
    }
  }
  return {
    rssMiB: mib(usage.rss),
    heapUsedMiB: mib(usage.heapUsed),
    heapTotalMiB: mib(usage.heapTotal),
    externalMiB: mib(usage.external),
    arrayBuffersMiB: mib(usage.arrayBuffers),
    probes,
  };
}
