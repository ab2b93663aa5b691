import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import { env } from "@/env";
import type { Mail as MailRow } from "@/generated/prisma/client";
import { parseMailbox } from "@/lib/mailbox";

export type DeliveryMethod = "smtp" | "file";

export interface MailTransport {
  method: DeliveryMethod;
  send(mail: MailRow): Promise<void>;
  /** lets go of open connections (the worker stopping) */
  close?(): void;
}

/**
 * Recipients handed to nodemailer already parsed, so its lenient address parser never sees our strings: a
 * stored "a@example.org\r\nBcc: evil@example.net" would otherwise become a group containing evil@example.net
 * (an extra recipient). Anything that is not one valid mailbox fails the send; the outbox shows why.
 */
function recipients(list: readonly string[]): Mail.Address[] {
  return list.map((entry) => {
    const mailbox = parseMailbox(entry);
    if (!mailbox) throw new Error(`Not sent: ${JSON.stringify(entry)} is not a valid mailbox.`);
    return { name: mailbox.name ?? "", address: mailbox.address };
  });
}

export function toMessage(mail: MailRow): Mail.Options {
  return {
    from: mail.fromAddress,
    to: recipients(mail.to),
    cc: mail.cc.length ? recipients(mail.cc) : undefined,
    replyTo: mail.replyTo ? recipients([mail.replyTo])[0] : undefined,
    subject: mail.subject,
    text: mail.body,
    messageId: mail.messageId,
    date: mail.createdAt,
    headers: { "Auto-Submitted": "auto-generated", "X-Liaison-Mail-Kind": mail.kind },
  };
}

/**
 * SMTP via nodemailer (SMTP_URL), over one pooled connection kept open between mails (nodemailer's `pool`):
 * a burst of mail (issue 19: the first reminder run on a large archive) pays the connection, EHLO, STARTTLS
 * and AUTH once, not once per mail. The worker sends one mail at a time, so one connection is enough; nodemailer
 * opens a new one after 100 messages, or when the server closed the idle one.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(pooled(url));
  return {
    method: "smtp",
    async send(mail) {
      await transporter.sendMail(toMessage(mail));
    },
    close() {
      transporter.close();
    },
  };
}

/** SMTP_URL with nodemailer's pool options added, unless the URL sets them itself (`?pool=false`). */
export function pooled(url: string): string {
  const parsed = new URL(url);
  for (const [key, value] of [
    ["pool", "true"],
    ["maxConnections", "1"],
    ["maxMessages", "100"],
  ] as const) {
    if (!parsed.searchParams.has(key)) parsed.searchParams.set(key, value);
  }
  return parsed.toString();
}

/** Without SMTP_URL: each mail becomes an .eml file under DATA_DIR/mail (the outbox keeps it too). */
export function fileTransport(dir: string): MailTransport {
  return {
    method: "file",
    async send(mail) {
      const raw = await new MailComposer(toMessage(mail)).compile().build();
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, `${String(mail.id).padStart(6, "0")}-${mail.kind}.eml`), raw);
    },
  };
}

export function configuredTransport(): MailTransport {
  const config = env();
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : fileTransport(config.mailDir);
}
