import { describe, expect, it } from "vitest";
import { carriesSecretLink, hasLiveSecretLink, linkGoneMessage, withoutSecretLink } from "./secret-links";

const body = (url: string) => `Hello Ada,\n\nUse this link to sign in:\n\n${url}\n\nThe link works once.`;
const SIGN_IN = "http://localhost:3000/sign-in/link?email=ad%40example.org&token=abc_DEF-123&callbackUrl=%2F";
const RESET = "https://liaisons.ietf.org/reset-password?email=a%40b.org&token=xyz";
const INVITE = "https://liaisons.ietf.org/reset-password?purpose=invite&email=a%40b.org&token=q1";

describe("one-time links in stored mail", () => {
  it.each([
    ["sign_in", SIGN_IN, "[sign-in link removed after delivery]"],
    ["password_reset", RESET, "[password-reset link removed after delivery]"],
    ["invitation", INVITE, "[invitation link removed after delivery]"],
  ] as const)("%s: the link is replaced by a note, the rest of the text is kept", (kind, url, note) => {
    expect(hasLiveSecretLink(kind, body(url))).toBe(true);
    const kept = withoutSecretLink(kind, body(url), "delivered");
    expect(kept).toBe(body(note));
    expect(hasLiveSecretLink(kind, kept)).toBe(false);
    expect(withoutSecretLink(kind, body(url), "failed")).toMatch(/link removed: the mail could not be delivered\]/);
  });

  it("leaves every other kind of mail alone, links to statements included", () => {
    const distribution = "See https://liaisons.ietf.org/statements/12?token=not-a-secret for the statement.";
    expect(carriesSecretLink("distribution")).toBe(false);
    expect(withoutSecretLink("distribution", distribution, "delivered")).toBe(distribution);
    expect(hasLiveSecretLink("distribution", distribution)).toBe(false);
  });

  it("removes every link of a mail, and a mail without one has nothing to remove", () => {
    const two = `${SIGN_IN}\nor\n${SIGN_IN.replace("abc", "zzz")}`;
    expect(withoutSecretLink("sign_in", two, "delivered")).toBe(
      "[sign-in link removed after delivery]\nor\n[sign-in link removed after delivery]",
    );
    expect(hasLiveSecretLink("sign_in", "Hello, no link here.")).toBe(false);
  });

  it("tells the Secretariat what to do instead of a retry", () => {
    expect(linkGoneMessage("invitation")).toMatch(/Send a new invitation/);
    expect(linkGoneMessage("sign_in")).toMatch(/ask for a new link/);
  });
});
