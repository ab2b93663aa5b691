import { describe, expect, it } from "vitest";
import { pageStatus, signInHref, statusPageContent } from "./status-pages";

describe("statusPageContent", () => {
  it("a statement number signed out: not public, sign in to see a draft or pending one, and come back", () => {
    const content = statusPageContent({ status: 404, path: "/statements/9999", signedIn: false });
    expect(content.heading).toBe("No public statement 9999");
    expect(content.lines.join(" ")).toMatch(/If it is a draft or pending, sign in to see it/);
    expect(content.signInHref).toBe("/sign-in?callbackUrl=%2Fstatements%2F9999");
    expect(content.title).toBe("Not found");
  });

  it("a statement number signed in: no sign-in link, says it may be someone else's draft", () => {
    const content = statusPageContent({ status: 404, path: "/statements/12/edit", signedIn: true });
    expect(content.heading).toBe("No statement 12 you may see");
    expect(content.signInHref).toBeUndefined();
  });

  it("a group's acronym in the directory points to its organization", () => {
    const content = statusPageContent({
      status: 404,
      path: "/directory/quic",
      signedIn: false,
      group: { name: "QUIC", organization: { acronym: "ietf", name: "Internet Engineering Task Force" } },
    });
    expect(content.heading).toBe("No organization “quic” in the directory");
    expect(content.lines[0]).toBe(
      "QUIC is a group; the directory lists it under Internet Engineering Task Force (IETF).",
    );
    expect(content.suggestion?.href).toBe("/directory/ietf");
  });

  it("an unknown directory entry leads to the directory; hostile text is shown as text, cut, without control characters", () => {
    const content = statusPageContent({
      status: 404,
      path: `/directory/%3Cb%3E${"x".repeat(100)}%00`,
      signedIn: false,
    });
    expect(content.heading).toMatch(/^No organization “<b>x+…” in the directory$/);
    expect(content.heading).not.toContain("\u0000");
    expect(content.suggestion?.href).toBe("/directory");
    expect(statusPageContent({ status: 404, path: "/directory/%E0%A4%A", signedIn: false }).heading).toContain(
      "%E0%A4%A",
    );
  });

  it("403 signed out offers to sign in; signed in says which role is missing; 500 says nothing was lost", () => {
    expect(statusPageContent({ status: 403, path: "/admin?x=1", signedIn: false }).signInHref).toBe(
      "/sign-in?callbackUrl=%2Fadmin%3Fx%3D1",
    );
    expect(statusPageContent({ status: 403, path: "/admin", signedIn: true }).lines[0]).toMatch(/does not have a role/);
    expect(statusPageContent({ status: 500, path: "/statements", signedIn: true }).lines[0]).toMatch(
      /Nothing you entered was lost/,
    );
  });

  it("any other missing page", () => {
    const content = statusPageContent({ status: 404, path: "/no/such?page", signedIn: false });
    expect(content.heading).toBe("Page not found");
    expect(content.lines[0]).toBe("There is no page at this address (/no/such).");
  });
});

describe("signInHref and pageStatus", () => {
  it.each([
    ["/statements/1", "/sign-in?callbackUrl=%2Fstatements%2F1"],
    ["//evil.example", "/sign-in?callbackUrl=%2F"],
    ["/\\evil.example", "/sign-in?callbackUrl=%2F"],
    ["https://evil.example", "/sign-in?callbackUrl=%2F"],
  ])("%s → %s", (path, href) => expect(signInHref(path)).toBe(href));

  it.each([
    ["404", 404],
    [403, 403],
    ["500", 500],
    ["200", null],
    ["x", null],
    [undefined, null],
  ])("%s → %s", (value, status) => expect(pageStatus(value)).toBe(status));
});

describe("500 says which page failed (segments that load data)", () => {
  it.each([
    ["/statements/42", "Statement 42 could not be loaded"],
    ["/statements/42/edit", "Statement 42 could not be loaded"],
    ["/statements/mine", "Your statements could not be loaded"],
    ["/desk/report?from=2026-01-01", "The liaison desk could not be loaded"],
    ["/directory/3gpp", "The directory could not be loaded"],
    ["/admin/people/7", "The administration page could not be loaded"],
    ["/statements", "Something went wrong"],
  ])("%s → %s", (path, heading) => {
    const content = statusPageContent({ status: 500, path, signedIn: true });
    expect(content.heading).toBe(heading);
    expect(content.lines[0]).toMatch(/Nothing you entered was lost/);
  });
});
