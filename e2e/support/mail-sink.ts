/**
 * A real SMTP server that keeps every message it receives, parsed, in memory, plus a tiny HTTP API so
 * the test workers (other processes) can read them:
 *   GET    /messages   → CapturedMail[] (oldest first)
 *   DELETE /messages   → forget all messages
 *   GET    /health     → "ok"
 * Used by e2e/support/global-setup.ts (in the Playwright runner process) and mail-sink-server.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type AddressObject, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface Mailbox {
  name: string;
  /** lower-cased */
  address: string;
}

export interface CapturedMail {
  /** increasing per sink */
  id: number;
  receivedAt: string;
  /** SMTP envelope: who the message was really delivered to (includes Bcc) */
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  date: string | null;
  from: Mailbox[];
  to: Mailbox[];
  cc: Mailbox[];
  bcc: Mailbox[];
  replyTo: Mailbox[];
  subject: string;
  text: string;
  html: string | null;
  /** lower-cased header name → unfolded value (repeated headers joined with "\n") */
  headers: Record<string, string>;
  attachments: { filename: string | null; contentType: string; size: number }[];
  /** the message as received */
  raw: string;
}

export interface MailSink {
  smtpPort: number;
  httpUrl: string;
  messages(): CapturedMail[];
  clear(): void;
  close(): Promise<void>;
}

function mailboxes(value: AddressObject | AddressObject[] | undefined): Mailbox[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const result: Mailbox[] = [];
  const visit = (entries: AddressObject["value"]) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address) result.push({ name: entry.name ?? "", address: entry.address.toLowerCase() });
    }
  };
  for (const object of objects) visit(object.value);
  return result;
}

async function parse(raw: Buffer, id: number, envelope: CapturedMail["envelope"]): Promise<CapturedMail> {
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
    headers[key] = key in headers ? `${headers[key]}\n${value}` : value;
  }
  const references = parsed.references === undefined ? [] : [parsed.references].flat();
  return {
    id,
    receivedAt: new Date().toISOString(),
    envelope,
    messageId: parsed.messageId ?? null,
    inReplyTo: parsed.inReplyTo ?? null,
    references,
    date: parsed.date?.toISOString() ?? null,
    from: mailboxes(parsed.from),
    to: mailboxes(parsed.to),
    cc: mailboxes(parsed.cc),
    bcc: mailboxes(parsed.bcc),
    replyTo: mailboxes(parsed.replyTo),
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: typeof parsed.html === "string" ? parsed.html : null,
    headers,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
    })),
    raw: raw.toString("utf8"),
  };
}

/** Starts the SMTP server and the HTTP API on 127.0.0.1 (port 0 = any free port). */
export async function startMailSink(options: { smtpPort?: number; httpPort?: number } = {}): Promise<MailSink> {
  let stored: CapturedMail[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    name: "liaison-e2e-mail-sink",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    banner: "liaison e2e mail sink",
    logger: false,
    size: 50 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : null,
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        const id = nextId++;
        parse(Buffer.concat(chunks), id, envelope).then(
          (mail) => {
            stored.push(mail);
            stored.sort((a, b) => a.id - b.id);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(options.smtpPort ?? 0, "127.0.0.1", () => resolve());
  });
  smtp.on("error", (error) => console.error("[mail-sink] SMTP error:", error.message));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const api = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sink");
    if (url.pathname === "/health") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    } else if (url.pathname === "/messages" && req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stored));
    } else if (url.pathname === "/messages" && req.method === "DELETE") {
      stored = [];
      res.writeHead(204).end();
    } else {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((resolve, reject) => {
    api.once("error", reject);
    api.listen(options.httpPort ?? 0, "127.0.0.1", () => resolve());
  });
  const httpUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  return {
    smtpPort,
    httpUrl,
    messages: () => [...stored],
    clear: () => {
      stored = [];
    },
    close: async () => {
      api.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => api.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(() => resolve())),
      ]);
    },
  };
}
