/**
 * What the session token (next-auth's encrypted JWT, readable with next-auth's `decode`) carries besides
 * next-auth's own iat/exp/jti: `sub` the person id, `sv` their session version, `sid` the server-side session
 * id (src/server/auth/server-sessions.ts) and `ends` the absolute end of the session (seconds since the epoch,
 * sign-in + 12 h). next-auth re-encodes the token with a later `exp` whenever /api/auth/session is read;
 * `ends` is never moved, and the session row ends at the same instant.
 *
 * Pure and without `server-only`: the app's HTTP server (src/server/http/session-token.ts) reads tokens with
 * the same rule outside Next.js's bundles.
 */
export interface SessionClaims {
  sub: string;
  sv: number;
  sid: string;
  ends: number;
}

/** The claims of a live token; null when it is incomplete (minted before server sessions) or past its end. */
export function liveClaims(token: object, now = Date.now()): SessionClaims | null {
  const { sub, sv, sid, ends } = token as Partial<SessionClaims>;
  if (typeof sub !== "string" || typeof sid !== "string" || typeof ends !== "number") return null;
  if (ends * 1000 <= now) return null;
  return { sub, sv: typeof sv === "number" ? sv : 0, sid, ends };
}
