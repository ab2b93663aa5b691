// The preparation half of `npm start` (scripts/start.mjs runs it in a child process that exits when done):
// build when the sources changed since the last build, bundle the HTTP server (scripts/serve.ts → .next/serve.mjs)
// so that it runs on plain Node, and migrate the database (and load the demo data into an empty one).
//
// Everything that needs TypeScript at run time (tsx) or opens the database before the server does happens here, in
// a process that ends: tsx (its loader thread, esbuild's service process and the source maps it turns on) and
// PGlite's memory from migrating and seeding never stay resident beside the server (issue 19, ADR 035).
import path from "node:path";
import { build } from "esbuild";
import { env } from "@/env";
import { configuredTarget } from "@/server/db";
import { EmbeddedDatabaseBusyError } from "@/server/db/embedded-lock";
import { embeddedDatabaseHolder } from "@/server/import/cli";
import { logger } from "@/server/log/logger";
import { ensureBuild } from "./ensure-build";
import { prepareDatabase } from "./prepare-db";

const root = process.cwd();
const log = logger("start");
const config = env();
// A second `npm start` on the same DATA_DIR would rebuild .next under the running app and open the database it
// holds (ADR 045): refused before anything is touched, with the holder named.
const holder = embeddedDatabaseHolder(configuredTarget());
if (holder) {
  log.fatal({ holderPid: holder.pid }, new EmbeddedDatabaseBusyError(holder.dir, holder.pid).message);
  process.exit(1);
}
if (process.env.SKIP_BUILD !== "1") ensureBuild();

// The server's bundle, made at every start (a fraction of a second): scripts/serve.ts and the src/ files it imports.
await build({
  entryPoints: [path.join(root, "scripts", "serve.ts")],
  outfile: path.join(root, ".next", "serve.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // node_modules stay as they are (Next.js, pino, zod …); only our TypeScript (the `@/` paths) is compiled in.
  packages: "external",
  tsconfig: path.join(root, "tsconfig.json"),
  logLevel: "warning",
});

try {
  await prepareDatabase();
} catch (error) {
  // Taken in the moment since the check above.
  if (!(error instanceof EmbeddedDatabaseBusyError)) throw error;
  log.fatal({ holderPid: error.pid }, error.message);
  process.exit(1);
}
// The runtime is in the line: Node 24 from node_modules (ADR 048), or the system's where npm had no package for it.
log.info(
  { url: `http://localhost:${config.port}`, appUrl: config.appUrl, node: process.version },
  "starting the server",
);
