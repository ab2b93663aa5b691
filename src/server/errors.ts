import "server-only";

export type AppErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "INVALID_STATE"
  | "VALIDATION"
  | "ALREADY_EXISTS"
  | "RATE_LIMITED";

/** Expected failures of a use-case. The action wrapper turns them into form state; anything else is a bug. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** per-field messages for VALIDATION, keyed by form field name */
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const forbiddenError = (what = "do this") => new AppError("FORBIDDEN", `You are not allowed to ${what}.`);

/** Prisma's unique-constraint violation, whichever adapter raised it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string }; message?: string } | null;
  return e?.code === "P2002" || e?.cause?.code === "23505" || /Unique constraint/i.test(e?.message ?? "");
}
