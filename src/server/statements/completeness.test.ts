import { describe, expect, it } from "vitest";
import { PAST_DEADLINE_QUESTION } from "@/lib/form-questions";
import { missingForSubmission, pastDeadlineProblem } from "./completeness";

const complete = {
  to: [1],
  fromContact: ["a@example.org"],
  toContact: ["b@example.org"],
  purpose: "information",
  deadline: null,
  respondsTo: [],
  hasContent: true,
};

describe("completeness at Submit/Post (issue 15 §2)", () => {
  it("a complete statement lacks nothing", () => {
    expect(missingForSubmission(complete)).toEqual({});
  });
  it("names each missing field with the form's message", () => {
    expect(
      missingForSubmission({
        to: [],
        fromContact: [],
        toContact: [],
        purpose: null,
        deadline: null,
        respondsTo: [],
        hasContent: false,
      }),
    ).toEqual({
      to: "Choose at least one receiving group.",
      fromContact: "Enter at least one From-Contact address.",
      toContact: "Enter at least one To-Contact address.",
      purpose: "Choose a purpose.",
      body: "Enter a body or attach at least one document.",
    });
    expect(missingForSubmission({ ...complete, purpose: "action" })).toEqual({
      deadline: "A For action statement needs a deadline.",
    });
    expect(missingForSubmission({ ...complete, purpose: "response" })).toEqual({
      respondsTo: "Choose the statement(s) this one responds to.",
    });
  });
});

describe("a For-action deadline in the past", () => {
  const now = new Date("2026-12-06T10:00:00Z");
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  it.each<[string, "incoming" | "outgoing", string, boolean, RegExp | null]>([
    [
      "outgoing, yesterday",
      "outgoing",
      "2026-12-05",
      false,
      /^The deadline 2026-12-05 has already passed; choose a later date before submitting\.$/,
    ],
    ["outgoing, yesterday, 'confirmed' (no such thing)", "outgoing", "2026-12-05", true, /has already passed/],
    ["outgoing, today", "outgoing", "2026-12-06", false, null],
    ["incoming, yesterday, not confirmed", "incoming", "2026-12-05", false, new RegExp(`^${PAST_DEADLINE_QUESTION}`)],
    ["incoming, yesterday, confirmed", "incoming", "2026-12-05", true, null],
    ["incoming, tomorrow", "incoming", "2026-12-07", false, null],
  ])("%s", (_what, direction, deadline, confirmed, expected) => {
    const problem = pastDeadlineProblem(direction, "action", day(deadline), confirmed, now);
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeNull();
  });
  it("only For action statements have a deadline to check", () => {
    expect(pastDeadlineProblem("outgoing", "information", day("2020-01-01"), false, now)).toBeNull();
  });
});
