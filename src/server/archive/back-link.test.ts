import { describe, expect, it } from "vitest";
import { archiveBackHref } from "./back-link";

describe("archiveBackHref: the 'Back to results' target, only ever a list URL of this site", () => {
  it.each([
    ["/statements?q=quic&sort=title", "/statements?q=quic&sort=title"],
    ["/statements?q=S2-2405678&page=2", "/statements?q=S2-2405678&page=2"],
    ["/statements", "/statements"],
    // unknown parameters are dropped: the link is rebuilt from the parsed filters
    ["/statements?q=quic&evil=%3Cscript%3E", "/statements?q=quic"],
  ])("%s → %s", (back, href) => expect(archiveBackHref(back)).toBe(href));

  it.each([
    [undefined],
    [""],
    ["https://evil.example/statements?q=x"],
    ["//evil.example/statements"],
    ["/\\evil.example/statements"],
    ["/statements/12"],
    ["/statementsx?q=1"],
    ["/statements/../admin"],
    ["javascript:alert(1)"],
    ["/admin?back=/statements"],
    ["x".repeat(3000)],
  ])("refuses %s", (back) => expect(archiveBackHref(back)).toBeNull());

  it("takes the first of repeated values", () => {
    expect(archiveBackHref(["/statements?q=a", "https://evil.example"])).toBe("/statements?q=a");
  });
});
