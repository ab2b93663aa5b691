import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { env } from "@/env";
import type { FormState, FormValues } from "@/lib/form-state";
import { currentActor } from "@/server/auth/actor";
import type { Actor } from "@/server/authz/types";
import { AppError, isUniqueViolation } from "@/server/errors";
import { clientAddressFrom, stampedPeer } from "@/server/http/client-address";
import { logger } from "@/server/log/logger";

/** Fields never echoed back to the browser. */
const SECRET_FIELDS = /password|token|secret/i;

/** FormData → plain object: repeated keys become arrays, files stay files, Next's internal keys dropped. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

/** The submitted text values, to fill the form in again (never secrets, never files). */
export function echoValues(raw: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(raw)) {
    if (SECRET_FIELDS.test(key)) continue;
    if (typeof value === "string") values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === "string");
  }
  return values;
}

/**
 * Human messages for zod's built-in checks, used wherever a schema gives no message of its own (a tampered
 * or scripted request sends repeated keys, files where text belongs, numbers that are not numbers, ...).
 */
export function humanIssue(issue: z.core.$ZodRawIssue): string | undefined {
  const input = issue.input;
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined || input === null) return "This field is required.";
      if (Array.isArray(input)) return "Enter one value only (the field was sent more than once).";
      if (input instanceof Blob) return "Expected text here, not a file.";
      if (issue.expected === "number" || issue.expected === "int") return "Use a whole number.";
      return "This value has the wrong type.";
    case "too_big":
      return issue.origin === "string"
        ? `Keep this to ${Number(issue.maximum).toLocaleString("en")} characters or fewer.`
        : `Use at most ${Number(issue.maximum).toLocaleString("en")}.`;
    case "too_small":
      if (issue.origin === "number") return "Use a positive number.";
      return issue.origin === "string" ? "This field is required." : "Choose at least one.";
    case "invalid_value":
      return "Choose one of the offered options.";
    case "invalid_union":
    case "invalid_format":
      return "This value is not valid.";
    default:
      return undefined;
  }
}

export interface ActionContext<A extends Actor | null = Actor> {
  /** the signed-in person; null only for an action that says `requireSignIn: false` */
  actor: A;
  /** the client's address (the socket's peer, or per TRUST_PROXY from X-Forwarded-For), for rate limiting */
  clientKey: string;
}

interface CommonFormOptions<S extends z.ZodType, R> {
  schema: S;
  /** a coarse gate (e.g. "is Secretariat"): failing it answers 403 before anything else happens */
  authorize?: (actor: Actor | null) => boolean;
  /** what to return on success (may redirect) */
  onSuccess?: (result: R, input: z.infer<S>) => FormState | Promise<FormState>;
}

/**
 * The one wrapper every server action goes through: resolve the session into an actor, validate the form
 * with the zod schema, run the use-case, and map the outcome to FormState. AppErrors become messages;
 * redirect()/notFound()/forbidden() pass through; anything else is logged and reported generically.
 * A signed-out caller is refused before anything else (so `run` gets a typed, non-null actor) unless the
 * action says `requireSignIn: false` (sign-in, password reset, ...).
 */
export type FormOptions<S extends z.ZodType, R> =
  | (CommonFormOptions<S, R> & {
      requireSignIn?: true;
      run: (input: z.infer<S>, context: ActionContext<Actor>) => Promise<R>;
    })
  | (CommonFormOptions<S, R> & {
      requireSignIn: false;
      run: (input: z.infer<S>, context: ActionContext<Actor | null>) => Promise<R>;
    });

export function formAction<S extends z.ZodType, R>(options: FormOptions<S, R>) {
  return async (_previous: FormState, formData: FormData): Promise<FormState> => {
    const state = await handleForm(options, formData);
    // A success that names its next page navigates there (server actions answer with a redirect).
    if (state.status === "success" && state.redirectTo) redirect(state.redirectTo);
    return state;
  };
}

/**
 * The same pipeline for a route handler (e.g. the upload endpoint that reports progress): it never
 * redirects; a success carries `redirectTo` for the client to follow.
 */
export function formHandler<S extends z.ZodType, R>(options: FormOptions<S, R>) {
  /** `known.actor`: the actor the route already resolved for this request (its session is looked up once). */
  return (formData: FormData, known?: { actor: Actor | null }) => handleForm(options, formData, known);
}

async function handleForm<S extends z.ZodType, R>(
  options: FormOptions<S, R>,
  formData: FormData,
  known?: { actor: Actor | null },
): Promise<FormState> {
  const raw = formDataToObject(formData);
  const values = echoValues(raw);
  try {
    const actor = known ? known.actor : await currentActor();
    if (options.requireSignIn !== false && !actor) {
      return {
        status: "error",
        code: "UNAUTHENTICATED",
        message: "Your session has ended. Sign in and try again.",
        values,
      };
    }
    if (options.authorize && !options.authorize(actor)) forbidden();
    const parsed = options.schema.safeParse(raw, { error: humanIssue });
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? "form");
        fieldErrors[key] ??= issue.message;
      }
      const count = Object.keys(fieldErrors).length;
      return {
        status: "error",
        code: "VALIDATION",
        message: count === 1 ? "One field needs attention." : `${count} fields need attention.`,
        fieldErrors,
        values,
      };
    }
    const request = await headers();
    const clientKey = clientAddressFrom(
      { peer: stampedPeer((name) => request.get(name)), forwardedFor: request.get("x-forwarded-for") },
      env().trustProxyHops,
    );
    const result =
      options.requireSignIn === false
        ? await options.run(parsed.data, { actor, clientKey })
        : await options.run(parsed.data, { actor: signedIn(actor), clientKey });
    return options.onSuccess ? await options.onSuccess(result, parsed.data) : { status: "success" };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) {
      return { status: "error", code: error.code, message: error.message, fieldErrors: error.fieldErrors, values };
    }
    if (isUniqueViolation(error)) {
      return { status: "error", code: "ALREADY_EXISTS", message: "That already exists.", values };
    }
    logger("action").error({ err: error }, "unexpected error");
    return {
      status: "error",
      code: "INTERNAL",
      message: "Something went wrong on the server. Nothing was saved.",
      values,
    };
  }
}

/** Narrows the actor for `run` (handleForm answered UNAUTHENTICATED already when there is none). */
function signedIn(actor: Actor | null): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return actor;
}
