import "server-only";
import { mayAdminister } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";
import { AppError, forbiddenError } from "@/server/errors";

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
