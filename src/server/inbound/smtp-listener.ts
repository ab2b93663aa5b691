import "server-only";
import { timingSafeEqual } from "node:crypto";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { env } from "@/env";
import { AppError } from "@/server/errors";
import { logger } from "@/server/log/logger";
import { describeDuplicate } from "./cli";
import { ingestMessage } from "./ingest-message";

const log = logger("inbound");

type SmtpError = Error & { responseCode?: number };
const smtpError = (code: number, message: string): SmtpError =>
  Object.assign(new Error(message), { responseCode: code });

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export interface SmtpListenerOptions {
  port: number;
  host: string;
  /** lower-cased addresses mail is accepted for */
  addresses: readonly string[];
  auth: { user: string; password: string } | null;
  maxMessageBytes: number;
}

/**
 * Issue 18: the app's own SMTP listener (INBOUND_SMTP_PORT). It accepts mail only for INBOUND_ADDRESS,
 * refuses an over-size message in the dialogue (SIZE is advertised; a longer DATA gets 552), asks for AUTH
 * when INBOUND_SMTP_USER/PASSWORD are set, and hands each message to the ingestion use-case: the sender
 * learns in the reply whether it was stored (250), refused (550/552/554) or should be retried (451).
 */
export async function startSmtpListener(
  options: SmtpListenerOptions,
): Promise<{ port: number; close: () => Promise<void> }> {
  const config: SMTPServerOptions = {
    name: "liaison-statements",
    banner: "Liaison statements: incoming liaison mail",
    size: options.maxMessageBytes,
    // No certificate of ours: TLS is for the relay in front (AUTH is then sent over its connection).
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    // Shutdown must end within 10 s (docs/operations.md): a client still talking is cut after 5.
    closeTimeout: 5_000,
    onAuth(auth, _session, callback) {
      const ok =
        !!options.auth &&
        same(auth.username ?? "", options.auth.user) &&
        same(auth.password ?? "", options.auth.password);
      return ok ? callback(null, { user: auth.username }) : callback(smtpError(535, "Authentication failed"));
    },
    onRcptTo(address, _session, callback) {
      if (!options.addresses.includes(address.address.toLowerCase()))
        return callback(
          smtpError(
            550,
            `No mailbox ${address.address} here: liaison mail is accepted for ${options.addresses.join(", ")}`,
          ),
        );
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on("end", () => {
        if (stream.sizeExceeded)
          return callback(smtpError(552, `Message exceeds the size limit of ${options.maxMessageBytes} bytes`));
        ingestMessage(Buffer.concat(chunks), { channel: "smtp" }).then(
          (result) => {
            log.info(
              { statementId: result.statementId, duplicate: result.duplicate, from: session.envelope.mailFrom || null },
              "inbound mail received",
            );
            // A relay's retry of a message already here: said as such (`npm run ingest` says the same).
            const duplicate = describeDuplicate(result.duplicate);
            callback(null, duplicate ? `${duplicate} ${result.url}` : `Recorded as a draft: ${result.url}`);
          },
          (error: unknown) => {
            if (error instanceof AppError && error.code === "VALIDATION")
              return callback(smtpError(554, error.message));
            log.error({ err: error }, "storing inbound mail failed");
            callback(smtpError(451, "Could not store the message now; try again later"));
          },
        );
      });
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on("error", (error) => log.error({ err: error }, "SMTP listener error"));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  log.info(
    { port, host: options.host, addresses: options.addresses },
    "SMTP listener for incoming liaison mail is listening",
  );
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The listener as configured (INBOUND_SMTP_*), or null when INBOUND_SMTP_PORT is unset. */
export async function startConfiguredSmtpListener() {
  const { inbound } = env();
  if (!inbound.smtpPort) return null;
  return startSmtpListener({
    port: inbound.smtpPort,
    host: inbound.smtpHost,
    addresses: inbound.addresses,
    auth: inbound.auth,
    maxMessageBytes: inbound.maxMessageBytes,
  });
}
