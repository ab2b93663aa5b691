import { describe, expect, it } from "vitest";
import type { Direction, StatementState } from "@/generated/prisma/enums";
import {
  canTransition,
  invalidStateMessage,
  isPublicState,
  sourceStates,
  type Transition,
  targetState,
} from "./lifecycle";

const TRANSITIONS = [
  "submit",
  "approve",
  "return",
  "post",
  "postRecordOnly",
  "withdraw",
] as const satisfies readonly Transition[];
const STATES: StatementState[] = ["draft", "pending", "approved", "posted", "withdrawn"];
const ALLOWED: Record<Direction, Record<Transition, StatementState[]>> = {
  outgoing: {
    submit: ["draft"],
    approve: ["pending"],
    return: ["pending"],
    post: ["approved"],
    postRecordOnly: ["draft", "pending", "approved"],
    withdraw: ["draft", "pending", "approved", "posted"],
  },
  incoming: {
    submit: [],
    approve: [],
    return: [],
    post: ["draft"],
    postRecordOnly: ["draft"],
    withdraw: ["draft", "posted"],
  },
};

describe("lifecycle: every direction × transition × state", () => {
  for (const direction of ["outgoing", "incoming"] as const) {
    for (const transition of TRANSITIONS) {
      it.each(STATES.map((s) => [s, ALLOWED[direction][transition].includes(s)] as const))(
        `${direction} ${transition} from %s → %s`,
        (state, expected) => {
          expect(canTransition(transition, direction, state)).toBe(expected);
        },
      );
    }
  }

  it("names the target states", () => {
    expect(targetState("submit")).toBe("pending");
    expect(targetState("approve", false)).toBe("pending");
    expect(targetState("approve", true)).toBe("approved");
    expect(targetState("return")).toBe("draft");
    expect(targetState("post")).toBe("posted");
    expect(targetState("postRecordOnly")).toBe("posted");
    expect(targetState("withdraw")).toBe("withdrawn");
  });

  it("only posted, or withdrawn after posting, is public", () => {
    expect(STATES.filter((s) => isPublicState(s, null))).toEqual(["posted"]);
    expect(isPublicState("withdrawn", new Date())).toBe(true);
  });

  it("explains a late second approval", () => {
    expect(invalidStateMessage("approve", "approved")).toBe("This statement is already approved.");
    expect(invalidStateMessage("approve", "posted")).toBe("This statement is already approved and posted.");
    expect(invalidStateMessage("submit", "pending")).toBe(
      "This statement is waiting for approval, so it cannot be submitted.",
    );
    expect(invalidStateMessage("postRecordOnly", "posted")).toBe(
      "This statement is already posted, so it cannot be posted.",
    );
  });

  it("the update guard starts from exactly the states canTransition allows", () => {
    for (const direction of ["outgoing", "incoming"] as const) {
      for (const transition of TRANSITIONS) {
        expect(sourceStates(transition, direction)).toEqual(
          STATES.filter((s) => canTransition(transition, direction, s)),
        );
      }
    }
  });
});
