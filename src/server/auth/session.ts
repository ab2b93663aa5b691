import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { env } from "@/env";
import { clientAddressFrom, stampedPeer } from "@/server/http/client-address";
import { authSecret } from "./secret";
import { authenticate } from "./sign-in";

/** Sessions expire after this long, signed in or not (no sliding renewal beyond it). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * The session cookie for an app served at `appUrl`: HttpOnly and SameSite=Lax always; in production over
 * HTTPS also Secure with the `__Secure-` prefix, so browsers never send or accept it over plain HTTP.
 * (The public page layer, src/server/http/public-pages.ts, recognises both names.)
 */
export function sessionCookieSettings(appUrl: string) {
  const secure = new URL(appUrl).protocol === "https:";
  return {
    name: secure ? "__Secure-liaison.session" : "liaison.session",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

const cookieSettings = () => sessionCookieSettings(env().appUrl);

/**
 * next-auth manages the session (a signed, encrypted JWT in an HttpOnly cookie). Our own server actions sign
 * people in (so the forms work without JavaScript and share one rate limiter); next-auth's credentials
 * endpoint uses the same `authenticate` use-case for clients that prefer it.
 */
export function authOptions(): NextAuthOptions {
  // next-auth v4 builds its URLs from NEXTAUTH_URL; APP_URL is our single source for it.
  process.env.NEXTAUTH_URL ??= env().appUrl;
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    cookies: { sessionToken: cookieSettings() },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const header = (name: string) => req.headers?.[name] as string | undefined;
          const clientKey = clientAddressFrom(
            { peer: stampedPeer(header), forwardedFor: header("x-forwarded-for") },
            env().trustProxyHops,
          );
          const result = await authenticate(credentials?.email ?? "", credentials?.password ?? "", clientKey);
          if (!result.ok) return null;
          return { id: String(result.personId), sessionVersion: result.sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        return token;
      },
      session({ session, token }) {
        return { ...session, personId: Number(token.sub), sessionVersion: Number(token.sv ?? 0) };
      },
    },
  };
}

export interface SessionInfo {
  personId: number;
  sessionVersion: number;
}

/** The session of this request, if any (not yet checked against the person's current state). */
export async function readSession(): Promise<SessionInfo | null> {
  const session = (await getServerSession(authOptions())) as (Partial<SessionInfo> & object) | null;
  if (!session || !Number.isInteger(session.personId)) return null;
  return { personId: session.personId as number, sessionVersion: session.sessionVersion ?? 0 };
}

/** Starts a session for the person (called by sign-in actions after authentication succeeded). */
export async function startSession(personId: number, sessionVersion: number): Promise<void> {
  const { name, options } = cookieSettings();
  const token = await encode({
    token: { sub: String(personId), sv: sessionVersion },
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  (await cookies()).set(name, token, { ...options, maxAge: SESSION_MAX_AGE_SECONDS });
}

export async function endSession(): Promise<void> {
  const { name, options } = cookieSettings();
  (await cookies()).set(name, "", { ...options, maxAge: 0 });
}
