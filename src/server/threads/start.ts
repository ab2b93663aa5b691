import "server-only";
import path from "node:path";
import { type ResourceLimits, Worker } from "node:worker_threads";

/** A TypeScript file of the source tree, loaded by Node at run time (never bundled: see startThread). */
export const sourceFile = (...parts: string[]) => path.join(/* turbopackIgnore: true */ process.cwd(), "src", ...parts);

/**
 * Starts a worker thread running a TypeScript module of src/ (through entry.mjs and tsx). The thread does not
 * keep the process alive (unref), so a server or a test ends without stopping it.
 */
export function startThread(entry: string, options: { resourceLimits?: ResourceLimits } = {}): Worker {
  // Reflect.construct, not `new Worker(…)`: Turbopack treats `new Worker(path)` as a module to bundle and
  // fails on a path it cannot resolve at build time; these files are loaded by Node at run time.
  const worker: Worker = Reflect.construct(Worker, [
    sourceFile("server", "threads", "entry.mjs"),
    {
      workerData: { entry },
      // react-server makes `import "server-only"` resolve as it does in the app.
      execArgv: ["--conditions=react-server"],
      resourceLimits: options.resourceLimits,
      stdout: false,
      stderr: false,
    },
  ]);
  worker.unref();
  return worker;
}
