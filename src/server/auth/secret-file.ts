/**
 * The session signing secret, outside the React Server bundle: the app's HTTP server (scripts/serve.ts) needs
 * it too, to tell a valid session from a made-up cookie before it reads a request body
 * (src/server/http/request-guard.ts). src/server/auth/secret.ts is the app's entry to it.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, env } from "@/env";

let cached: string | undefined;

/**
 * AUTH_SECRET signs the session cookies. It is required in production on PostgreSQL; the embedded demo
 * generates one on first use and keeps it under DATA_DIR so `npm start` needs no setup and sessions survive
 * restarts.
 */
export function authSecret(): string {
  if (cached) return cached;
  const config = env();
  if (config.authSecret) {
    cached = config.authSecret;
    return cached;
  }
  if (config.isProduction && config.databaseUrl) {
    throw new ConfigError(
      "AUTH_SECRET is required in production when DATABASE_URL is set (at least 32 random characters, e.g. `openssl rand -base64 48`).",
    );
  }
  const file = path.join(config.dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  chmodSync(file, 0o600);
  cached = readFileSync(file, "utf8").trim();
  return cached;
}
