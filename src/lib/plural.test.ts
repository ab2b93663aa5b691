import { describe, expect, it } from "vitest";
import { count } from "./plural";

describe("count", () => {
  it.each([
    [0, "day", undefined, "0 days"],
    [1, "day", undefined, "1 day"],
    [2, "day", undefined, "2 days"],
    [1, "mail", undefined, "1 mail"],
    [11, "mail", undefined, "11 mails"],
    [1, "statement matches", "statements match", "1 statement matches"],
    [2, "statement matches", "statements match", "2 statements match"],
  ])("%i %s", (n, singular, plural, text) => expect(count(n, singular, plural)).toBe(text));
});
