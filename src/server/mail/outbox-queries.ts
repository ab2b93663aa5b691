import "server-only";
import type { MailState } from "@/generated/prisma/enums";
import { mayAdminister } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { AppError, forbiddenError } from "@/server/errors";
import { retryMail } from "./deliver";
import { carriesSecretLink, hasLiveSecretLink, linkGoneMessage } from "./secret-links";
import { kickMailWorker } from "./wake";

export const OUTBOX_PAGE_SIZE = 50;

/** The Secretariat's view of every mail the system sent or will send, newest first. */
export async function listOutbox(actor: Actor | null, options: { page: number; state?: MailState }) {
  if (!mayAdminister(actor)) throw forbiddenError("see the outbox");
  const db = await prisma();
  const where = options.state ? { state: options.state } : {};
  const [total, counts, mails] = await Promise.all([
    db.mail.count({ where }),
    db.mail.groupBy({ by: ["state"], _count: { _all: true } }),
    db.mail.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (options.page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      include: { statement: { select: { id: true, title: true } } },
    }),
  ]);
  return {
    total,
    counts: Object.fromEntries(counts.map((c) => [c.state, c._count._all])) as Partial<Record<MailState, number>>,
    // The page never shows the text of a mail that carries a one-time link, only whether the link is gone.
    mails: mails.map(({ body, ...mail }) => ({
      ...mail,
      linkRemoved: carriesSecretLink(mail.kind) && !hasLiveSecretLink(mail.kind, body),
    })),
  };
}

/** "Retry": a failed or waiting mail is due again, and the worker is woken to send it now. */
export async function retryOutboxMail(actor: Actor | null, id: number): Promise<void> {
  if (!mayAdminister(actor)) throw forbiddenError("retry mail");
  const db = await prisma();
  const mail = await db.mail.findUnique({ where: { id }, select: { kind: true } });
  if ((await retryMail(id)) === "link_removed" && mail) throw new AppError("INVALID_STATE", linkGoneMessage(mail.kind));
  kickMailWorker();
}
