import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionCookieSettings } from "@/server/auth/session";
import { createSessionCheck, parseCookieHeader, sessionCookieName } from "./session-token";

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";
const hasValidSession = createSessionCheck({ cookieName: "liaison.session", secret: () => SECRET });
/** The claims the app's sign-in puts in a token (src/server/auth/session.ts): a session id and its absolute end. */
const claims = (endsInSeconds = 3600) => ({ sub: "3", sid: "s1", ends: Math.floor(Date.now() / 1000) + endsInSeconds });

describe("the session check of the app's HTTP server", () => {
  it("names the cookie as the app does, over HTTP and HTTPS", () => {
    for (const url of ["https://liaisons.ietf.org", "http://localhost:3000"]) {
      expect(sessionCookieName(url)).toBe(sessionCookieSettings(url).name);
    }
  });

  it("accepts what next-auth accepts: a valid token under any name starting with the cookie's, or in chunks", async () => {
    const token = await encode({ token: claims(), secret: SECRET, maxAge: 60 });
    const half = Math.floor(token.length / 2);
    expect(await hasValidSession(`liaison.session=${token}`)).toBe(true);
    expect(await hasValidSession(`a=b; liaison.sessionZ=${token}`)).toBe(true);
    expect(
      await hasValidSession(`liaison.session.0=${token.slice(0, half)}; liaison.session.1=${token.slice(half)}`),
    ).toBe(true);
  });

  it("refuses made-up, foreign-secret, expired and misplaced tokens, and never looks at Authorization", async () => {
    const foreign = await encode({ token: claims(), secret: `${SECRET}-other`, maxAge: 60 });
    const expired = await encode({ token: claims(), secret: SECRET, maxAge: -60 });
    const valid = await encode({ token: claims(), secret: SECRET, maxAge: 60 });
    // next-auth re-issues the cookie with a later exp on every /api/auth/session read; the session's own end
    // (12 h after sign-in) does not move, and a token past it is no session, nor one without a session id.
    const pastItsEnd = await encode({ token: claims(-60), secret: SECRET, maxAge: 60 });
    const noSession = await encode({ token: { sub: "3" }, secret: SECRET, maxAge: 60 });
    for (const header of [
      `liaison.session=${pastItsEnd}`,
      `liaison.session=${noSession}`,
      undefined,
      "",
      "liaison.session=made-up",
      `liaison.session=${foreign}`,
      `liaison.session=${expired}`,
      `session=${valid}`,
      `Liaison.Session=${valid}`,
    ]) {
      expect(await hasValidSession(header), String(header)).toBe(false);
    }
  });

  it("parses Cookie headers like a browser sends them", () => {
    expect(parseCookieHeader("a=1; b=x%20y;c=%FF; a=2; =bad; novalue")).toEqual({ a: "1", b: "x y", c: "%FF" });
    expect(parseCookieHeader(["a=1", "b=2"])).toEqual({ a: "1", b: "2" });
  });
});
