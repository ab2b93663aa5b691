import { describe, expect, it } from "vitest";
import { daysLeftText, isOverdue } from "./dates";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("daysLeftText: the same quantity written the same way on every page", () => {
  it.each([
    [null, "—"],
    [-1, "1 day overdue"],
    [-9, "9 days overdue"],
    [0, "due today"],
    [1, "1 day left"],
    [14, "14 days left"],
  ])("%s → %s", (days, text) => expect(daysLeftText(days)).toBe(text));
});

describe("isOverdue", () => {
  const today = new Date("2026-12-06T15:00:00Z");
  it("is overdue from the day after the deadline, while the action is open", () => {
    expect(isOverdue(day("2026-12-05"), today, true)).toBe(true);
    expect(isOverdue(day("2026-12-06"), today, true)).toBe(false);
    expect(isOverdue(day("2026-12-07"), today, true)).toBe(false);
  });
  it("never when the action is closed or there is no deadline", () => {
    expect(isOverdue(day("2026-12-01"), today, false)).toBe(false);
    expect(isOverdue(null, today, true)).toBe(false);
  });
});
