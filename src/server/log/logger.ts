/**
 * The app's logger (pino, ADR 023): one JSON object per line on standard output — `level`, `time`
 * (ISO 8601), `msg`, the component that wrote it, and whatever fields the call adds — so that a log
 * shipper or `jq` reads it without parsing prose. Errors are serialized with their stack.
 *
 * LOG_LEVEL (trace, debug, info, warn, error, fatal, silent; default info) sets what is written.
 *
 * No `import "server-only"`: scripts/serve.ts and scripts/prepare-start.ts, which run outside Next.js's react-server
 * condition, log through it too (like the other files under src/server/http).
 */
import pino, { type Logger } from "pino";

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

function level(): string {
  const wanted = (process.env.LOG_LEVEL ?? "info").toLowerCase();
  return LEVELS.has(wanted) ? wanted : "info";
}

const holder = globalThis as unknown as { __liaisonLogger?: Logger };

/** The process's root logger (one per process, shared by Next.js's bundles and the scripts). */
export function rootLogger(): Logger {
  holder.__liaisonLogger ??= pino({
    level: level(),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  });
  return holder.__liaisonLogger;
}

/** A logger whose lines say which part of the app wrote them: `{"component":"mail",...}`. */
export function logger(component: string): Logger {
  return rootLogger().child({ component });
}

export type { Logger };
