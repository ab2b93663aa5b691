import { describe, expect, it } from "vitest";
import { hasSessionCookie } from "@/server/http/public-pages";
import { sessionCookieSettings } from "./session";

describe("the session cookie", () => {
  it("in production over HTTPS is __Secure-, Secure, HttpOnly, SameSite=Lax, for the whole site", () => {
    expect(sessionCookieSettings("https://liaisons.ietf.org")).toEqual({
      name: "__Secure-liaison.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
  });

  it("over plain HTTP (the local demo) is still HttpOnly and SameSite=Lax, without Secure", () => {
    expect(sessionCookieSettings("http://localhost:3000")).toEqual({
      name: "liaison.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
  });

  it("is recognised by the public page layer under both names, so signed-in visitors are never served anonymous pages", () => {
    for (const url of ["https://liaisons.ietf.org", "http://localhost:3000"]) {
      expect(hasSessionCookie(`${sessionCookieSettings(url).name}=token`)).toBe(true);
    }
  });
});
