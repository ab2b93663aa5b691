// The entry of the server's worker threads (src/server/threads/start.ts). Plain JavaScript so Node can start
// it as it is, inside the Next.js server and in tests alike; it loads the thread's TypeScript module through
// tsx (a runtime dependency, the same loader `npm start` uses).
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.entry, import.meta.url);
