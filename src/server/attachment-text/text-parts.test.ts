import { describe, expect, it } from "vitest";
import { cleanText, MAX_TEXT_CHARS, splitParts } from "./text-parts";

describe("extracted text for search", () => {
  it("removes NUL and the highlight markers, keeps line breaks and tabs", () => {
    expect(cleanText("a\u0000b\u0002c\u0003d\ne\tf").text).toBe("a b c d\ne\tf");
  });

  it("cuts at MAX_TEXT_CHARS and says so, never inside a surrogate pair", () => {
    const long = `${"x".repeat(MAX_TEXT_CHARS - 1)}😀tail`;
    const { text, isCut } = cleanText(long);
    expect(isCut).toBe(true);
    expect(text.length).toBe(MAX_TEXT_CHARS - 1);
    expect(cleanText("short").isCut).toBe(false);
  });

  it("splits into parts at white space, each at most the size, losing nothing but blank parts", () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(" ");
    const parts = splitParts(words, 1000);
    expect(parts.every((p) => p.length <= 1000)).toBe(true);
    expect(parts.join("")).toBe(words);
    expect(parts.slice(0, -1).every((p) => p.endsWith(" "))).toBe(true);
    expect(splitParts("   \n  ")).toEqual([]);
    const unbroken = "y".repeat(2500);
    expect(splitParts(unbroken, 1000).join("")).toBe(unbroken);
  });
});
