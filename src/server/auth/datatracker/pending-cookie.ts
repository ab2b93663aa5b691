import "server-only";
import { cookies } from "next/headers";
import { env } from "@/env";
import { sessionCookieSettings } from "../session";
import { PENDING_MAX_AGE_SECONDS } from "./flow";

/** The cookie holding one sign-in attempt's state, nonce and PKCE verifier (sealed) while the browser is away. */
function settings() {
  const { options } = sessionCookieSettings(env().appUrl);
  return { name: options.secure ? "__Secure-liaison.datatracker" : "liaison.datatracker", options };
}

export async function keepPendingSignIn(sealed: string): Promise<void> {
  const { name, options } = settings();
  (await cookies()).set(name, sealed, { ...options, maxAge: PENDING_MAX_AGE_SECONDS });
}

/** The pending attempt, removed from the browser: a provider answer is accepted once. */
export async function takePendingSignIn(): Promise<string | undefined> {
  const { name, options } = settings();
  const store = await cookies();
  const value = store.get(name)?.value;
  store.set(name, "", { ...options, maxAge: 0 });
  return value;
}
