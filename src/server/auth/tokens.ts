import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { prisma } from "@/server/db";

type Db = PrismaClient | Prisma.TransactionClient;

export type TokenPurpose = "sign-in" | "reset" | "invite";

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  "sign-in": 15 * 60_000,
  reset: 60 * 60_000,
  invite: 7 * 24 * 60 * 60_000,
};

const hash = (raw: string) => createHash("sha256").update(raw).digest("hex");
const identifier = (purpose: TokenPurpose, email: string) => `${purpose}:${email.toLowerCase()}`;

/** A one-time token for a link sent by mail. Only its hash is stored. */
export async function createToken(purpose: TokenPurpose, email: string, now = new Date()): Promise<string> {
  const raw = randomBytes(32).toString("base64url");
  const db = await prisma();
  await db.verificationToken.create({
    data: {
      identifier: identifier(purpose, email),
      token: hash(raw),
      expires: new Date(now.getTime() + TOKEN_TTL_MS[purpose]),
    },
  });
  return raw;
}

/** Consumes the token: true exactly once, while it has not expired. */
export async function consumeToken(
  purpose: TokenPurpose,
  email: string,
  raw: string,
  now = new Date(),
  tx?: Db,
): Promise<boolean> {
  if (!raw || raw.length > 200) return false;
  const db = tx ?? (await prisma());
  const { count } = await db.verificationToken.deleteMany({
    where: { identifier: identifier(purpose, email), token: hash(raw), expires: { gt: now } },
  });
  return count === 1;
}

/** Checks a token without consuming it (to show the "set password" form only for a valid link). */
export async function isTokenValid(
  purpose: TokenPurpose,
  email: string,
  raw: string,
  now = new Date(),
): Promise<boolean> {
  if (!raw || raw.length > 200) return false;
  const db = await prisma();
  const row = await db.verificationToken.findFirst({
    where: { identifier: identifier(purpose, email), token: hash(raw), expires: { gt: now } },
  });
  return row !== null;
}

/**
 * Ends every outstanding link of these purposes mailed to any address of the person (a newer reset link, a
 * completed reset, sign-in turned off). Links are keyed by address, and a person may have several.
 */
export async function endLinksOf(db: Db, personId: number, purposes: readonly TokenPurpose[]): Promise<number> {
  const addresses = await db.emailAddress.findMany({ where: { personId }, select: { address: true } });
  const identifiers = purposes.flatMap((p) => addresses.map((a) => identifier(p, a.address)));
  if (identifiers.length === 0) return 0;
  const { count } = await db.verificationToken.deleteMany({ where: { identifier: { in: identifiers } } });
  return count;
}
