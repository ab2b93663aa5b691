import { describe, expect, it } from "vitest";
import {
  awaitsAction,
  dueMilestone,
  latestMilestone,
  nextReminderDay,
  OLDEST_DEADLINE_DAYS,
  OVERDUE_REMINDERS,
  STALE_AFTER_DAYS,
} from "./schedule";

const DEADLINE = new Date("2027-01-15T00:00:00Z");
const DAY = 86_400_000;
/** noon UTC, `offset` days after the deadline (negative = before) */
const day = (offset: number, hour = 12) => new Date(DEADLINE.getTime() + offset * DAY + hour * 3_600_000);

describe("latestMilestone", () => {
  it.each([
    [-30, null],
    [-15, null],
    [-14, "d-14"],
    [-13, "d-14"],
    [-8, "d-14"],
    [-7, "d-7"],
    [-4, "d-7"],
    [-3, "d-3"],
    [-2, "d-3"],
    [-1, "d-1"],
    [0, "d-0"],
    [1, "d-0"],
    [6, "d-0"],
    [7, "overdue-1w"],
    [13, "overdue-1w"],
    [14, "overdue-2w"],
    [21, "overdue-3w"],
    [28, "overdue-4w"],
    [30, "overdue-4w"],
    // issue 15: at most 4 weekly reminders once overdue; the 4th stays the latest milestone for ever
    [35, "overdue-4w"],
    [365, "overdue-4w"],
  ])("%i days from the deadline → %s", (offset, key) => {
    expect(latestMilestone(offset)?.key ?? null).toBe(key);
  });

  it("reports the milestone's own day, not the day asked about", () => {
    expect(latestMilestone(-2)).toEqual({ key: "d-3", offsetDays: -3, isLast: false });
    expect(latestMilestone(16)).toEqual({ key: "overdue-2w", offsetDays: 14, isLast: false });
  });
});

describe("dueMilestone", () => {
  it.each([
    ["20 days before", day(-20), null],
    ["14 days before, just after midnight UTC", day(-14, 0), "d-14"],
    ["15 days before, one second to midnight UTC", new Date(day(-14, 0).getTime() - 1000), null],
    ["10 days before", day(-10), "d-14"],
    ["on the deadline day, late evening", day(0, 23), "d-0"],
    ["the day after the deadline", day(1), "d-0"],
    ["a week late", day(7), "overdue-1w"],
    ["four weeks late: the last reminder", day(28), "overdue-4w"],
    ["four weeks and six days late: the last, not yet sent, still goes", day(34), "overdue-4w"],
    // issue 15: a milestone more than a week old is never sent late (no mail storm at start-up)
    ["five weeks late: nothing any more", day(35), null],
    ["a year late: nothing", day(365), null],
  ])("%s → %s", (_label, now, key) => {
    expect(dueMilestone({ deadline: DEADLINE, now })?.key ?? null).toBe(key);
  });

  it.each([
    ["posted long before: every milestone", day(-60), day(-14), "d-14"],
    ["posted on the milestone's day: still sent", day(-14, 18), day(-14, 20), "d-14"],
    ["posted 10 days before: d-14 is skipped", day(-10), day(-10), null],
    ["posted 10 days before: d-7 comes in its time", day(-10), day(-7), "d-7"],
    ["posted 2 days before: d-3 is skipped", day(-2), day(-2), null],
    ["posted 2 days before: d-1 is sent", day(-2), day(-1), "d-1"],
    ["posted 10 days late: overdue-1w is skipped", day(10), day(12), null],
    ["posted 10 days late: overdue-2w is sent", day(10), day(14), "overdue-2w"],
  ])("%s", (_label, postedAt, now, key) => {
    expect(dueMilestone({ deadline: DEADLINE, now, postedAt })?.key ?? null).toBe(key);
  });

  it("marks only the 4th overdue reminder as the last", () => {
    expect(dueMilestone({ deadline: DEADLINE, now: day(21) })?.isLast).toBe(false);
    expect(dueMilestone({ deadline: DEADLINE, now: day(28) })?.isLast).toBe(true);
    expect(dueMilestone({ deadline: DEADLINE, now: day(0) })?.isLast).toBe(false);
  });

  it.each([
    ["down from d-8 to d-2: d-3 is sent late", day(-2), "d-3"],
    ["down for the whole first overdue week: overdue-1w on day 13", day(13), "overdue-1w"],
    ["a worker down since the deadline, back on day 40: nothing (overdue-4w is 12 days old)", day(40), null],
  ])("catch-up after a pause: %s", (_label, now, key) => {
    expect(dueMilestone({ deadline: DEADLINE, now, postedAt: day(-60) })?.key ?? null).toBe(key);
  });

  it("the constants say the rule: 4 overdue reminders, nothing older than a week, no deadline older than 35 days", () => {
    expect(OVERDUE_REMINDERS).toBe(4);
    expect(STALE_AFTER_DAYS).toBe(7);
    expect(OLDEST_DEADLINE_DAYS).toBe(35);
  });

  it("walking day by day yields each milestone on its own day, weekly once overdue, 4 times", () => {
    const firstDays = new Map<string, number>();
    for (let offset = -20; offset <= 120; offset++) {
      const key = dueMilestone({ deadline: DEADLINE, now: day(offset), postedAt: day(-30) })?.key;
      if (key && !firstDays.has(key)) firstDays.set(key, offset);
    }
    expect([...firstDays]).toEqual([
      ["d-14", -14],
      ["d-7", -7],
      ["d-3", -3],
      ["d-1", -1],
      ["d-0", 0],
      ["overdue-1w", 7],
      ["overdue-2w", 14],
      ["overdue-3w", 21],
      ["overdue-4w", 28],
    ]);
  });
});

describe("nextReminderDay", () => {
  const iso = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
  it.each([
    ["20 days before: d-14", day(-20), "2027-01-01"],
    ["on d-14 itself: the next is d-7", day(-14), "2027-01-08"],
    ["on the deadline: overdue-1w", day(0), "2027-01-22"],
    ["3 weeks late: overdue-4w, the last", day(21), "2027-02-12"],
    ["4 weeks late: none left", day(28), null],
  ])("%s", (_label, now, expected) => {
    expect(iso(nextReminderDay({ deadline: DEADLINE, now, postedAt: day(-60) }))).toBe(expected);
  });
  it("skips milestones before the posting day", () => {
    expect(iso(nextReminderDay({ deadline: DEADLINE, now: day(-10), postedAt: day(-10) }))).toBe("2027-01-08");
  });
});

describe("awaitsAction (the in-memory twin of send-reminders.ts's AWAITING_ACTION)", () => {
  const base = {
    state: "posted",
    purpose: "action",
    deadline: new Date("2026-12-20T00:00:00Z"),
    direction: "outgoing" as "incoming" | "outgoing",
    actionStatus: "none",
    relationsTo: [] as { relationship: string; source: { state: string } }[],
  };
  const reply = (state: string) => [{ relationship: "responds_to", source: { state } }];
  it.each<[string, Partial<typeof base>, boolean]>([
    ["outgoing, no reply yet", {}, true],
    ["outgoing, a posted reply", { relationsTo: reply("posted") }, false],
    ["outgoing, a reply still in draft", { relationsTo: reply("draft") }, true],
    ["outgoing, closed (action taken)", { actionStatus: "taken" }, false],
    ["outgoing, imported with unknown status", { actionStatus: "unknown_imported" }, false],
    ["incoming, action needed", { direction: "incoming", actionStatus: "needed" }, true],
    ["incoming, action taken", { direction: "incoming", actionStatus: "taken" }, false],
    ["not posted", { state: "pending" }, false],
    ["For information", { purpose: "information" }, false],
    ["no deadline", { deadline: null as unknown as Date }, false],
  ])("%s → %s", (_name, over, expected) => {
    expect(awaitsAction({ ...base, ...over })).toBe(expected);
  });
});
