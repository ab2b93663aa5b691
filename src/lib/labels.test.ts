import { describe, expect, it } from "vitest";
import { ACTION_STATUS_LABELS } from "./labels";

describe("ACTION_STATUS_LABELS", () => {
  // Issue 17: the statement page showed "Taken" for every status other than "needed"; an imported
  // statement whose action status is unknown must not claim the action was taken.
  it("names every action status, and never calls an unknown one taken", () => {
    expect(ACTION_STATUS_LABELS.unknown_imported).toMatch(/^Unknown \(imported/);
    expect(ACTION_STATUS_LABELS.taken).toBe("Taken");
    expect(ACTION_STATUS_LABELS.needed).toBe("Needed");
  });
});
