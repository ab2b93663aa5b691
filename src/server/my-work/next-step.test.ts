import { describe, expect, it } from "vitest";
import { type NextStepFacts, nextStep } from "./next-step";

const base: NextStepFacts = {
  reason: "draft",
  direction: "outgoing",
  state: "draft",
  missing: [],
  waitingFor: [],
  mayApprove: false,
  purpose: "information",
  deadline: null,
  actionStatus: "none",
  awaitingReply: false,
  returnedBy: null,
  submitter: "Quentin Hale",
};

describe("what to do next (My statements)", () => {
  it.each<[string, Partial<NextStepFacts>, string]>([
    ["a complete outgoing draft", {}, "Review it and submit it."],
    ["a complete incoming draft", { direction: "incoming" }, "Review it and post it."],
    ["an incomplete draft", { missing: ["To", "Purpose", "Body"] }, "Add To, Purpose and Body, then submit it."],
    ["one missing field", { missing: ["To-Contact"] }, "Add To-Contact, then submit it."],
    [
      "a returned draft",
      { reason: "returned", returnedBy: "Ada Lindqvist" },
      "Returned by Ada Lindqvist: address the comment, then submit it again.",
    ],
    [
      "pending, two approvers",
      { reason: "pending", state: "pending", waitingFor: ["Ada Lindqvist (AD of wit)", "the IAB Chair"] },
      "Waiting for approval by Ada Lindqvist (AD of wit) and the IAB Chair.",
    ],
    [
      "pending, and I may approve",
      { reason: "pending", state: "pending", mayApprove: true },
      "Approve it or return it to the submitter.",
    ],
    ["approved", { reason: "approved", state: "approved" }, "Approved; waiting to be posted by the Secretariat."],
    ["posted, nothing open", { reason: "posted", state: "posted" }, "Nothing to do: it is posted."],
    [
      "posted outgoing awaiting a reply",
      {
        reason: "posted",
        state: "posted",
        purpose: "action",
        awaitingReply: true,
        deadline: new Date("2027-01-15T00:00:00Z"),
      },
      "Awaiting the reply (deadline 2027-01-15).",
    ],
    [
      "posted incoming with action needed",
      {
        reason: "posted",
        state: "posted",
        direction: "incoming",
        actionStatus: "needed",
        deadline: new Date("2027-01-15T00:00:00Z"),
      },
      "Action needed by 2027-01-15: mark it taken when done.",
    ],
    [
      "an LM's view of someone's draft",
      { reason: "looked-after" },
      "Draft by Quentin Hale: nothing to do until it is submitted.",
    ],
    [
      "an LM's view of a pending one",
      { reason: "looked-after", state: "pending", waitingFor: ["Ada Lindqvist (AD of wit)"] },
      "Waiting for approval by Ada Lindqvist (AD of wit): be ready to be consulted before it is sent.",
    ],
    [
      "staff's view of a pending one",
      { reason: "looked-after", state: "pending", mayApprove: true },
      "Approve it (on behalf) or return it, after consulting the approvers.",
    ],
  ])("%s", (_what, facts, expected) => {
    expect(nextStep({ ...base, ...facts })).toBe(expected);
  });
});
