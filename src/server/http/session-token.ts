/**
 * Is there a valid session on this request? Answered the way next-auth itself reads the session (its
 * `getToken`: every cookie whose name starts with the session cookie's name, chunks joined, the encrypted
 * JWT decrypted and its expiry checked, then the session's own absolute end, src/server/auth/session-claims.ts),
 * from the Cookie header alone: no database, no Next.js. The app's
 * HTTP server uses it to give only signed-in visitors the large request-body limit
 * (src/server/http/request-guard.ts); a made-up cookie counts as no session.
 *
 * Runs in the serving process outside Next.js's bundles (no `server-only`).
 */
import { getToken } from "next-auth/jwt";
import { liveClaims } from "@/server/auth/session-claims";

/** The session cookie's name for an app served at `appUrl` (as sessionCookieSettings in src/server/auth/session.ts). */
export function sessionCookieName(appUrl: string): string {
  return new URL(appUrl).protocol === "https:" ? "__Secure-liaison.session" : "liaison.session";
}

/** name → value of a Cookie header (the first of a repeated name wins, values percent-decoded when valid). */
export function parseCookieHeader(header: string | string[] | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  const text = Array.isArray(header) ? header.join("; ") : (header ?? "");
  for (const pair of text.split(";")) {
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    if (!name || name in cookies) continue;
    const raw = pair.slice(at + 1).trim();
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

export interface SessionCheckOptions {
  /** sessionCookieName(APP_URL) */
  cookieName: string;
  /** the secret the app signs sessions with (read lazily: it may be created by the app's first sign-in) */
  secret: () => string;
}

/** A function telling whether a Cookie header carries a session token next-auth would accept. */
export function createSessionCheck(options: SessionCheckOptions) {
  return async function hasValidSession(cookieHeader: string | string[] | undefined): Promise<boolean> {
    const cookies = parseCookieHeader(cookieHeader);
    if (!Object.keys(cookies).some((name) => name.startsWith(options.cookieName))) return false;
    // No Authorization header is passed: the app's sessions are cookies only.
    const token = await getToken({
      req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
      cookieName: options.cookieName,
      secret: options.secret(),
      logger: { error: () => {}, warn: () => {}, debug: () => {} },
    } as Parameters<typeof getToken>[0]);
    // Past its absolute end (however often next-auth re-issued the cookie) or without a session id: none.
    return token !== null && typeof token === "object" && liveClaims(token) !== null;
  };
}
