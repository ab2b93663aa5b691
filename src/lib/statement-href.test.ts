import { describe, expect, it } from "vitest";
import { statementHrefFromList } from "./statement-href";

describe("statementHrefFromList", () => {
  it("carries a filtered list in ?back=, and leaves the plain list's links plain", () => {
    expect(statementHrefFromList(7, "?q=quic multipath&page=2")).toBe(
      `/statements/7?back=${encodeURIComponent("/statements?q=quic multipath&page=2")}`,
    );
    expect(statementHrefFromList(7, "")).toBe("/statements/7");
  });
});
