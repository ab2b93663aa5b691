// The entry of the server's background threads and processes (src/server/threads/start.ts). Plain JavaScript so Node
// can start it as it is, inside the Next.js server and in tests alike; it loads the job's TypeScript module through
// tsx (a runtime dependency, the same loader `npm start` uses). A thread gets the module's path as workerData, a
// process as its first argument.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData?.entry ?? process.argv[2], import.meta.url);
