/**
 * All configuration, parsed once. Nothing else reads process.env (STYLE.md).
 * Fails with one readable message listing every bad variable.
 */
import path from "node:path";
import { z } from "zod";
import { parseMailbox } from "@/lib/mailbox";

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : ["true", "1", "yes"].includes(v)));

/** One RFC 5322 mailbox (`Name <addr@example.org>` or `addr@example.org`); empty = the default. */
const mailbox = (fallback: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || fallback)
    .refine(
      (v) => parseMailbox(v) !== null,
      "must be one e-mail address, e.g. iesg@ietf.org or The IESG <iesg@ietf.org>",
    );

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL (leave unset for the embedded database)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
    SEED_DEMO: booleanString,
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    MAIL_FROM: z.string().min(3).default("IETF Liaison Statements <liaison-statements@ietf.org>"),
    LIAISON_COORDINATION_ADDRESS: z.string().email().default("liaison-coordination@iab.org"),
    /** pre-filled recipients of the liaison manager's status report (issue 9) */
    IESG_ADDRESS: mailbox("iesg@ietf.org"),
    IAB_ADDRESS: mailbox("iab@iab.org"),
    APP_URL: z.string().url("must be an absolute URL such as https://liaisons.example.org").optional(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    MAIL_WORKER_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    TRUST_PROXY: z
      .string()
      .trim()
      .regex(
        /^(|false|true|\d{1,2})$/i,
        "must be false, true (one reverse proxy) or the number of reverse proxies in front of the app",
      )
      .optional(),
    /** issue 13: how much one person may upload in 24 hours, in MB */
    UPLOAD_DAILY_LIMIT_MB: z.coerce
      .number({ message: "must be a number of megabytes, e.g. 500" })
      .int("must be a whole number of megabytes")
      .min(1, "must be at least 1 (MB)")
      .max(1_000_000)
      .default(500),
    /**
     * Tests only: /failure-test fails with a real server error, so the error page can be tested end to end
     * (every other route is meant not to fail). Anything but "true" → that route is a 404.
     */
    TEST_FAILURE_PAGE: z.enum(["true", "false"]).default("false"),
    /** "Sign in with IETF Datatracker" (OpenID Connect): all three or none (docs/decisions/016) */
    OIDC_ISSUER: z
      .string()
      .trim()
      .url("must be the provider's issuer URL, e.g. https://datatracker.ietf.org/api/openid")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    OIDC_CLIENT_ID: z.string().trim().max(255).optional(),
    OIDC_CLIENT_SECRET: z.string().max(1000).optional(),
    /** issue 18: the app's own SMTP listener for incoming liaison mail (off when unset) */
    INBOUND_SMTP_PORT: z.coerce
      .number({ message: "must be a port number, e.g. 2525" })
      .int()
      .min(1)
      .max(65535)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    INBOUND_SMTP_HOST: z.string().trim().min(1).default("127.0.0.1"),
    /** the address (or addresses, comma separated) the listener accepts mail for */
    INBOUND_ADDRESS: z
      .string()
      .trim()
      .optional()
      .refine(
        (v) => !v || v.split(",").every((a) => parseMailbox(a.trim()) !== null),
        "must be one or more e-mail addresses, comma separated, e.g. statements@liaison.example.org",
      ),
    INBOUND_SMTP_USER: z.string().trim().max(255).optional(),
    INBOUND_SMTP_PASSWORD: z.string().max(1000).optional(),
    /** the largest inbound message accepted (SMTP, npm run ingest, upload), in MB */
    INBOUND_MAX_MESSAGE_MB: z.coerce
      .number({ message: "must be a number of megabytes, e.g. 50" })
      .int("must be a whole number of megabytes")
      .min(1, "must be at least 1 (MB)")
      .max(1000)
      .default(50),
  })
  .superRefine((raw, ctx) => {
    const oidc = {
      OIDC_ISSUER: raw.OIDC_ISSUER,
      OIDC_CLIENT_ID: raw.OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET: raw.OIDC_CLIENT_SECRET,
    };
    const set = Object.entries(oidc).filter(([, v]) => v);
    if (set.length > 0 && set.length < 3)
      for (const [name, value] of Object.entries(oidc))
        if (!value)
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: `must be set too: Datatracker sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (${set.map(([n]) => n).join(", ")} set)`,
          });
    if (raw.INBOUND_SMTP_PORT && !raw.INBOUND_ADDRESS)
      ctx.addIssue({
        code: "custom",
        path: ["INBOUND_ADDRESS"],
        message: "must be set too: the SMTP listener (INBOUND_SMTP_PORT) accepts mail only for this address",
      });
    if (!!raw.INBOUND_SMTP_USER !== !!raw.INBOUND_SMTP_PASSWORD)
      ctx.addIssue({
        code: "custom",
        path: [raw.INBOUND_SMTP_USER ? "INBOUND_SMTP_PASSWORD" : "INBOUND_SMTP_USER"],
        message: "must be set too: SMTP AUTH needs INBOUND_SMTP_USER and INBOUND_SMTP_PASSWORD",
      });
  })
  .transform((raw) => {
    const dataDir = path.resolve(raw.DATA_DIR);
    return {
      nodeEnv: raw.NODE_ENV,
      isProduction: raw.NODE_ENV === "production",
      port: raw.PORT,
      databaseUrl: raw.DATABASE_URL,
      /** each distinct statement parsed once per connection and kept (ADR 051); "off" behind a pooler that cannot */
      preparedStatements: raw.DATABASE_PREPARED_STATEMENTS === "on",
      /** the embedded PGlite database lives here when DATABASE_URL is unset */
      dataDir,
      pgliteDir: path.join(dataDir, "pglite"),
      mailDir: path.join(dataDir, "mail"),
      /** the embedded database's attachment files (ADR 012) */
      attachmentsDir: path.join(dataDir, "attachments"),
      seedDemo: raw.SEED_DEMO ?? true,
      smtpUrl: raw.SMTP_URL,
      mailFrom: raw.MAIL_FROM,
      coordinationAddress: raw.LIAISON_COORDINATION_ADDRESS,
      iesgAddress: raw.IESG_ADDRESS,
      iabAddress: raw.IAB_ADDRESS,
      appUrl: (raw.APP_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ""),
      authSecret: raw.AUTH_SECRET,
      /** how often the mail worker looks for due mail (it is also woken after every queued mail) */
      mailWorkerIntervalMs: raw.MAIL_WORKER_INTERVAL_MS,
      /** reverse proxies of ours in front of the app, whose X-Forwarded-For entries are believed (0: none) */
      trustProxyHops:
        !raw.TRUST_PROXY || /^false$/i.test(raw.TRUST_PROXY)
          ? 0
          : /^true$/i.test(raw.TRUST_PROXY)
            ? 1
            : Number(raw.TRUST_PROXY),
      /** a person's uploads in any 24 hours, at most (bytes) */
      uploadDailyLimitBytes: raw.UPLOAD_DAILY_LIMIT_MB * 1024 * 1024,
      /** tests only: /failure-test throws (the e2e tests of the 500 page) */
      hasTestFailurePage: raw.TEST_FAILURE_PAGE === "true",
      /** the Datatracker's OpenID Connect provider; null = the button is not offered */
      oidc:
        raw.OIDC_ISSUER && raw.OIDC_CLIENT_ID && raw.OIDC_CLIENT_SECRET
          ? { issuer: raw.OIDC_ISSUER, clientId: raw.OIDC_CLIENT_ID, clientSecret: raw.OIDC_CLIENT_SECRET }
          : null,
      /** issue 18 (ADR 025): receiving liaison mail */
      inbound: {
        smtpPort: raw.INBOUND_SMTP_PORT,
        smtpHost: raw.INBOUND_SMTP_HOST,
        /** lower-cased bare addresses */
        addresses: (raw.INBOUND_ADDRESS ?? "")
          .split(",")
          .map((a) => parseMailbox(a.trim())?.address.toLowerCase())
          .filter((a): a is string => !!a),
        auth:
          raw.INBOUND_SMTP_USER && raw.INBOUND_SMTP_PASSWORD
            ? { user: raw.INBOUND_SMTP_USER, password: raw.INBOUND_SMTP_PASSWORD }
            : null,
        maxMessageBytes: raw.INBOUND_MAX_MESSAGE_MB * 1024 * 1024,
        /** where the running app leaves the address and secret of its hand-off endpoint (embedded database) */
        handoffFile: path.join(dataDir, "inbound-handoff.json"),
      },
    };
  });

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example and README.md.`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The process configuration (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
