import "server-only";
import { type ChildProcess, fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";

/** A TypeScript file of the source tree, loaded by Node at run time (never bundled: see startThread). */
export const sourceFile = (...parts: string[]) => path.join(/* turbopackIgnore: true */ process.cwd(), "src", ...parts);

/**
 * Starts a worker thread running a TypeScript module of src/ (through entry.mjs and tsx). The thread does not
 * keep the process alive (unref), so a server or a test ends without stopping it.
 */
export function startThread(entry: string): Worker {
  // Reflect.construct, not `new Worker(…)`: Turbopack treats `new Worker(path)` as a module to bundle and
  // fails on a path it cannot resolve at build time; these files are loaded by Node at run time.
  const worker: Worker = Reflect.construct(Worker, [
    sourceFile("server", "threads", "entry.mjs"),
    {
      workerData: { entry },
      // react-server makes `import "server-only"` resolve as it does in the app.
      execArgv: ["--conditions=react-server"],
      stdout: false,
      stderr: false,
    },
  ]);
  worker.unref();
  return worker;
}

/**
 * Starts a child process running a TypeScript module of src/ (through entry.mjs and tsx), with a V8 heap of
 * `heapMb` and an IPC channel (advanced serialization: Buffers and typed arrays cross as they are). For work on
 * untrusted input whose memory must not be the server's: a worker thread's resourceLimits are best-effort — one
 * allocation larger than what is left (a large array, say) makes V8 abort the whole process, server included
 * (nodejs/node#47224; ADR 047). A process that aborts ends alone. The last 8 KB of its stderr are kept (`stderrTail`)
 * so that the caller can say why it ended. Like startThread's worker, the child does not keep the parent alive.
 */
export function startProcess(
  entry: string,
  options: { heapMb: number; niceness?: number },
): ChildProcess & { stderrTail: () => string } {
  const child = fork(sourceFile("server", "threads", "entry.mjs"), [entry], {
    // The young generation at Node 20's 32 MB, as the server's (scripts/start.sh, ADR 048): Node 24's default of
    // 128 MB let a reader reach 392 MB during a burst of uploads (269 MB with this cap).
    execArgv: ["--conditions=react-server", `--max-old-space-size=${options.heapMb}`, "--max-semi-space-size=16"],
    serialization: "advanced",
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  if (options.niceness !== undefined && child.pid !== undefined) {
    // At once, while Node starts up in the child: its start (loading tsx and the job, ~1 s of CPU) then runs at the
    // lower priority too, and the threads Node starts after this inherit it. The job lowers the rest itself.
    try {
      os.setPriority(child.pid, options.niceness);
    } catch {
      // not permitted here: the job's own call still applies once it runs
    }
  }
  let tail = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (text: string) => {
    tail = (tail + text).slice(-8192);
  });
  child.unref();
  child.channel?.unref();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  return Object.assign(child, { stderrTail: () => tail });
}
