import "server-only";
import { prisma } from "@/server/db";

/** Failed sign-in attempts allowed per window before further attempts are refused. */
export const LIMITS = { perAddress: 5, perClient: 20, windowMs: 15 * 60_000 } as const;

export interface RateLimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Sign-in attempts are limited per address and per client across processes (stored in the database):
 * after LIMITS.perAddress failures for one address, or LIMITS.perClient from one client, within the window,
 * further attempts are refused until the oldest failure leaves the window.
 */
export async function checkSignInRateLimit(email: string, clientKey: string, now = new Date()): Promise<RateLimitDecision> {
  const db = await prisma();
  const since = new Date(now.getTime() - LIMITS.windowMs);
  const check = async (key: string, max: number) => {
    const failures = await db.signInAttempt.findMany({
      where: { key, succeeded: false, createdAt: { gt: since } },
      orderBy: { createdAt: "desc" },
      take: max,
      select: { createdAt: true },
    });
    if (failures.length < max) return 0;
    const oldest = failures[failures.length - 1]!.createdAt.getTime();
    return Math.max(1, Math.ceil((oldest + LIMITS.windowMs - now.getTime()) / 1000));
  };
  const wait = Math.max(
    await check(`email:${email.toLowerCase()}`, LIMITS.perAddress),
    await check(`ip:${clientKey}`, LIMITS.perClient),
  );
  return { allowed: wait === 0, retryAfterSeconds: wait };
}

export async function recordSignInAttempt(email: string, clientKey: string, succeeded: boolean, now = new Date()) {
  const db = await prisma();
  await db.signInAttempt.createMany({
    data: [
      { key: `email:${email.toLowerCase()}`, succeeded, createdAt: now },
      { key: `ip:${clientKey}`, succeeded, createdAt: now },
    ],
  });
  if (succeeded) {
    // A successful sign-in clears the address's failures, so a user who mistyped once is not penalised later.
    await db.signInAttempt.deleteMany({ where: { key: `email:${email.toLowerCase()}`, succeeded: false } });
  }
}
