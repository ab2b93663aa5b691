import { describe, expect, it } from "vitest";
import { receivedDateProblem } from "./received-date";

const NOW = new Date("2026-11-23T10:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("receivedDateProblem", () => {
  it.each([
    ["2026-10-24", false, false],
    ["2026-10-23", false, true],
    ["2026-12-23", false, false],
    ["2026-12-24", false, true],
    ["2026-01-01", true, false],
  ])("received %s, confirmed %s → asks: %s", (iso, confirmed, asks) => {
    expect(receivedDateProblem(day(iso), confirmed, NOW) !== null).toBe(asks);
  });

  it("says which date and what to do", () => {
    expect(receivedDateProblem(day("2026-01-01"), false, NOW)).toBe(
      '2026-01-01 is more than 30 days away from today. Tick "The date is correct" and post again.',
    );
    expect(receivedDateProblem(null, false, NOW)).toBeNull();
  });
});
