"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import {
  requestPasswordReset,
  requestSignInLink,
  resetPassword,
  safeCallbackPath,
  signInWithLink,
} from "@/server/auth/email-links";
import { signOutEverywhere } from "@/server/auth/server-sessions";
import { clearSessionCookie, endSession, startSession } from "@/server/auth/session";
import { authenticate, INVALID_CREDENTIALS } from "@/server/auth/sign-in";
import { AppError } from "@/server/errors";
import { logger } from "@/server/log/logger";
import { formAction } from "./wrapper";

const email = z
  .string()
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(320)
  .email("Enter a valid e-mail address, like name@example.org.");
const callbackUrl = z.string().max(2000).optional();

export const signInWithPassword = formAction({
  schema: z.object({ email, password: z.string().min(1, "Enter your password.").max(1000), callbackUrl }),
  requireSignIn: false,
  async run(input, { clientKey }) {
    const result = await authenticate(input.email, input.password, clientKey);
    if (!result.ok) {
      if (result.reason === "rate_limited") {
        const minutes = Math.ceil((result.retryAfterSeconds ?? 60) / 60);
        throw new AppError(
          "RATE_LIMITED",
          `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or use a sign-in link.`,
        );
      }
      throw new AppError("VALIDATION", INVALID_CREDENTIALS);
    }
    await startSession(result.personId, result.sessionVersion);
  },
  onSuccess: (_r, input) => redirect(safeCallbackPath(input.callbackUrl)),
});

/**
 * Whether an address has an account must not show in how long the answer takes: looking it up, counting,
 * minting the link and queueing the mail all happen after the response is sent (the same answer, after the
 * same work, for every address). Failures there are logged; the answer never depended on them.
 */
function afterResponse(what: string, work: () => Promise<void>): void {
  after(() =>
    work().catch((error: unknown) => {
      logger("auth").error({ err: error, what }, "work after the response failed");
    }),
  );
}

export const requestLink = formAction({
  schema: z.object({ email, callbackUrl }),
  requireSignIn: false,
  run: async (input) => afterResponse("sign-in link", () => requestSignInLink(input.email, input.callbackUrl)),
  onSuccess: (_r, input) => ({
    status: "success",
    message: `If ${input.email} belongs to an account, a sign-in link is on its way. It works once, for 15 minutes.`,
  }),
});

export const confirmLink = formAction({
  schema: z.object({ email, token: z.string().min(1).max(200), callbackUrl }),
  requireSignIn: false,
  async run(input) {
    const { personId, sessionVersion } = await signInWithLink(input.email, input.token);
    await startSession(personId, sessionVersion);
  },
  onSuccess: (_r, input) => redirect(safeCallbackPath(input.callbackUrl)),
});

export const forgotPassword = formAction({
  schema: z.object({ email }),
  requireSignIn: false,
  run: async (input) => afterResponse("password reset link", () => requestPasswordReset(input.email)),
  onSuccess: (_r, input) => ({
    status: "success",
    message: `If ${input.email} belongs to an account, a link to choose a new password is on its way.`,
  }),
});

export const setNewPassword = formAction({
  schema: z
    .object({
      email,
      token: z.string().min(1).max(200),
      purpose: z.enum(["reset", "invite"]).default("reset"),
      password: z.string().max(1000),
      confirm: z.string().max(1000),
    })
    .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." }),
  requireSignIn: false,
  async run(input) {
    const { personId, sessionVersion } = await resetPassword(input.email, input.token, input.password, input.purpose);
    await startSession(personId, sessionVersion);
  },
  onSuccess: () => redirect("/account?password=changed"),
});

export async function signOut(): Promise<void> {
  await endSession();
  redirect("/");
}

/** /account "Sign out everywhere": ends every session of the person, this one included. */
export const signOutEverywhereAction = formAction({
  schema: z.object({}),
  run: async (_input, { actor }) => {
    await signOutEverywhere(actor);
    await clearSessionCookie();
  },
  onSuccess: () => redirect("/signed-out"),
});
