/**
 * Issue 18: what reading one inbound liaison mail costs. `tsx --conditions=react-server
 * scripts/bench/inbound-read.ts [--mb=10] [--runs=5]` builds a 3GPP LS mail whose zip is about 10 MB (a .docx
 * cover sheet and an incompressible annex, tests/fixtures/inbound/build-fixtures.ts largeZipMail), reads it
 * `runs` times with readInboundMessage (MIME parse, zip expansion, cover-sheet text and fields) and prints
 * the median and worst time and the process's peak memory growth. No database, no server.
 *
 * `npm run bench` calls `benchInboundRead({ megabytes: 10, runs: 5 })` and reports `describeInboundRead(result)`.
 */
import { pathToFileURL } from "node:url";
import { readInboundMessage } from "@/server/inbound/read-message";
import { largeZipMail } from "../../tests/fixtures/inbound/build-fixtures";

export type InboundReadBench = {
  messageBytes: number;
  runs: number;
  medianMs: number;
  maxMs: number;
  /** peak growth of RSS over the runs, in MB */
  peakRssGrowthMb: number;
  files: number;
  title?: string;
};

export async function benchInboundRead({ megabytes = 10, runs = 5 } = {}): Promise<InboundReadBench> {
  const raw = await largeZipMail(megabytes * 1024 * 1024);
  await readInboundMessage(raw); // warm-up: module loading and JIT are not what is measured
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof readInboundMessage>> | undefined;
  try {
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      last = await readInboundMessage(raw);
      times.push(performance.now() - started);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  } finally {
    clearInterval(sampler);
  }
  times.sort((a, b) => a - b);
  return {
    messageBytes: raw.length,
    runs,
    medianMs: Math.round(times[Math.floor(times.length / 2)] ?? 0),
    maxMs: Math.round(times.at(-1) ?? 0),
    peakRssGrowthMb: Math.round((peak - baseline) / (1024 * 1024)),
    files: last?.files.length ?? 0,
    title: last?.coverSheet?.title?.value,
  };
}

export function describeInboundRead(result: InboundReadBench): string {
  const mb = (result.messageBytes / (1024 * 1024)).toFixed(1);
  return `Reading a ${mb} MB inbound LS mail (zip of a .docx cover sheet + annex, ${result.files} files): median ${result.medianMs} ms, worst ${result.maxMs} ms over ${result.runs} runs; peak RSS growth ${result.peakRssGrowthMb} MB`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1]);
  const result = await benchInboundRead({ megabytes: arg("mb") || 10, runs: arg("runs") || 5 });
  if (result.title !== "LS on large attachments")
    throw new Error("the cover sheet was not read: the benchmark is void");
  console.log(describeInboundRead(result));
}
