import "server-only";
import { logger } from "@/server/log/logger";
import { DatatrackerSignInError } from "./errors";

/** Back to /sign-in with the reason for the message; anything unexpected is logged and shown as a failure. */
export function datatrackerFailure(error: unknown): Response {
  const code = error instanceof DatatrackerSignInError ? error.code : "datatracker-failed";
  logger("auth").warn(
    { code, reason: error instanceof Error ? error.message : String(error) },
    "Datatracker sign-in refused",
  );
  return new Response(null, {
    status: 303,
    headers: { Location: `/sign-in?error=${encodeURIComponent(code)}`, "Cache-Control": "no-store" },
  });
}
