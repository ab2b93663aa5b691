import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { mayAdminister } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";
import { bumpDataVersion } from "@/server/cache";
import { prisma } from "@/server/db";
import { AppError, forbiddenError, isUniqueViolation } from "@/server/errors";

/** docs/domain.md "Who may do what": organizations, groups, people and roles are managed by the Secretariat. */
export function assertAdministrator(actor: Actor | null): asserts actor is Actor {
  if (!mayAdminister(actor)) throw forbiddenError("administer organizations, groups, people or roles");
}

/** A rejected input, tied to the form field that caused it. */
export function fieldError(field: string, message: string, code: "VALIDATION" | "ALREADY_EXISTS" = "VALIDATION") {
  return new AppError(code, "One field needs attention.", { [field]: message });
}

export function notFound(what: string) {
  return new AppError("NOT_FOUND", `That ${what} does not exist (any more).`);
}

/**
 * Runs one administrative change and its audit row as one transaction. Use-cases check uniqueness first
 * for a friendly message; a concurrent insert that still hits the unique index becomes the same field error.
 */
export async function inTransaction<T>(
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  onUniqueViolation?: { field: string; message: string },
): Promise<T> {
  const db = await prisma();
  try {
    const result = await db.$transaction(fn);
    bumpDataVersion(); // names, groups and liaison managers appear on public pages
    return result;
  } catch (error) {
    if (onUniqueViolation && !(error instanceof AppError) && isUniqueViolation(error)) {
      throw fieldError(onUniqueViolation.field, onUniqueViolation.message, "ALREADY_EXISTS");
    }
    throw error;
  }
}
