import "server-only";
import { cookies } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/env";
import { clientAddressFrom, stampedPeer } from "@/server/http/client-address";
import { authSecret } from "./secret";
import { endServerSession, openServerSession, SESSION_MAX_AGE_SECONDS } from "./server-sessions";
import { liveClaims, type SessionClaims } from "./session-claims";
import { authenticate } from "./sign-in";

export { SESSION_MAX_AGE_SECONDS };

async function newSessionClaims(personId: number, sessionVersion: number): Promise<SessionClaims> {
  const { sessionId, expiresAt } = await openServerSession(personId);
  return { sub: String(personId), sv: sessionVersion, sid: sessionId, ends: Math.floor(expiresAt.getTime() / 1000) };
}

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
          return {
            id: String(result.personId),
            claims: await newSessionClaims(result.personId, result.sessionVersion),
          };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) return { ...token, ...(user as { claims?: SessionClaims }).claims };
        // Past its absolute end (or without a server session) a token carries nobody, however often
        // /api/auth/session re-issues it.
        return liveClaims(token) ? token : {};
      },
      session({ session, token }) {
        const claims = liveClaims(token);
        if (!claims) return { expires: session.expires };
        return {
          expires: new Date(claims.ends * 1000).toISOString(),
          personId: Number(claims.sub),
          sessionVersion: claims.sv,
          sessionId: claims.sid,
        };
      },
    },
    events: {
      // next-auth's own sign-out endpoint ends the server session too, not just the cookie.
      async signOut({ token }) {
        const claims = token ? liveClaims(token) : null;
        if (claims) await endServerSession(claims.sid);
      },
    },
  };
}

export interface SessionInfo {
  personId: number;
  sessionVersion: number;
  /** the server-side session this cookie belongs to (checked with the person on every request) */
  sessionId: string;
}

/** The session of this request, if any (not yet checked against the server session or the person). */
export async function readSession(): Promise<SessionInfo | null> {
  // The request's cookies first: while `next build` tries to prerender a page, reading them stops it here, before the
  // secret is read (or made under DATA_DIR). And a request without any cookie of the session's name (next-auth reads
  // any that starts with it) has no session: answered without building the options or decoding anything.
  const { name } = cookieSettings();
  if (!(await cookies()).getAll().some((cookie) => cookie.name.startsWith(name))) return null;
  const session = (await getServerSession(authOptions())) as (Partial<SessionInfo> & object) | null;
  if (!session || !Number.isInteger(session.personId) || typeof session.sessionId !== "string") return null;
  return {
    personId: session.personId as number,
    sessionVersion: session.sessionVersion ?? 0,
    sessionId: session.sessionId,
  };
}

/** Starts a session for the person (called by sign-in actions after authentication succeeded). */
export async function startSession(personId: number, sessionVersion: number): Promise<void> {
  const { name, options } = cookieSettings();
  const claims = await newSessionClaims(personId, sessionVersion);
  const token = await encode({ token: { ...claims }, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
  (await cookies()).set(name, token, { ...options, maxAge: SESSION_MAX_AGE_SECONDS });
}

/** Clears the session cookie without touching the server session (after that session was ended elsewhere). */
export async function clearSessionCookie(): Promise<void> {
  const { name, options } = cookieSettings();
  (await cookies()).set(name, "", { ...options, maxAge: 0 });
}

/** Sign-out: ends this session on the server (a copy of the cookie stops working) and clears the cookie. */
export async function endSession(): Promise<void> {
  const session = await readSession();
  if (session) await endServerSession(session.sessionId);
  await clearSessionCookie();
}
