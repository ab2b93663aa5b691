// `npm start`: prepare (scripts/prepare-start.ts, in a child process: build when the sources changed, bundle the
// HTTP server, migrate and seed the database), then serve — in THIS process, which `npm start` execs: no process
// stays resident only to pass signals on to the server (issue 19, ADR 035).
//
// Plain JavaScript, run by plain Node without the react-server condition, which Next.js's own server must not see.
// The server (.next/serve.mjs, bundled from scripts/serve.ts) installs its own SIGTERM/SIGINT handling: a graceful
// stop within 10 s (src/server/http/shutdown.ts), and an exit at 15 s should that not finish.
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = process.cwd();

const child = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "prepare-start.ts")],
  { stdio: "inherit", env: process.env },
);
// A stop asked for while preparing goes to the preparation; this process then exits with it.
const forward = (signal) => child.kill(signal);
process.on("SIGINT", forward);
process.on("SIGTERM", forward);
const { code, signal } = await new Promise((resolve) =>
  child.once("exit", (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal })),
);
process.off("SIGINT", forward);
process.off("SIGTERM", forward);
if (code !== 0) process.exit(code ?? (signal ? 1 : 0));

process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
await import(pathToFileURL(path.join(root, ".next", "serve.mjs")).href);
