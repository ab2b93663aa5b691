import { describe, expect, it } from "vitest";
import { highlightIdentifiers } from "./highlight";

const marked = (ids: string[], q: string) =>
  highlightIdentifiers(ids, q)
    .map((s) => (s.isMatch ? `[${s.text}]` : s.text))
    .join("");

describe("highlightIdentifiers: the identifiers a search matched, shown once with the match marked", () => {
  it("marks a whole identifier, in any case", () => {
    expect(marked(["S2-2405678", "S2-2405679"], "s2-2405678")).toBe("[S2-2405678], S2-2405679");
  });
  it("marks the numeric part a reader typed without the prefix", () => {
    expect(marked(["SP-240987"], "240987")).toBe("SP-[240987]");
    expect(marked(["COM13-LS54"], "ls54 routing")).toBe("COM13-[LS54]");
  });
  it("is empty when no identifier matched, and ignores excluded words and phrase quotes", () => {
    expect(highlightIdentifiers(["SP-240987"], "quic")).toEqual([]);
    expect(highlightIdentifiers(["SP-240987"], "quic -240987")).toEqual([]);
    expect(marked(["SP-240987"], '"SP-240987" quic')).toBe("[SP-240987]");
    expect(highlightIdentifiers([], "240987")).toEqual([]);
  });
});
