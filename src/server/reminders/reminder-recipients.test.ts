import { describe, expect, it } from "vitest";
import { type ReminderRecipientFacts, reminderRecipients } from "./reminder-recipients";

const COORD = "liaison-coordination@iab.org";
const LM = "Mia Tanaka <lm-3gpp@example.org>";
const incoming: ReminderRecipientFacts = {
  direction: "incoming",
  assignee: "Quentin Hale <chair@example.org>",
  fromContact: ["3GPP SA Chair <sa-chair@example.net>"],
  toContact: ["quic-chairs@ietf.org", "Ada Lindqvist <ad@example.org>"],
  externalGroupManagers: [LM],
};
const outgoing: ReminderRecipientFacts = {
  direction: "outgoing",
  assignee: null,
  fromContact: ["Quentin Hale <chair@example.org>", "quic@ietf.org"],
  toContact: ["3GPP SA2 Chair <sa2-chair@example.net>"],
  externalGroupManagers: [LM],
};

describe("reminderRecipients", () => {
  it.each([
    [
      "incoming: the assignee first, then To-Contact; Cc the liaison managers",
      incoming,
      {
        to: ["Quentin Hale <chair@example.org>", "quic-chairs@ietf.org", "Ada Lindqvist <ad@example.org>"],
        cc: [LM],
      },
    ],
    [
      "incoming without an assignee: To-Contact",
      { ...incoming, assignee: null },
      {
        to: ["quic-chairs@ietf.org", "Ada Lindqvist <ad@example.org>"],
        cc: [LM],
      },
    ],
    [
      "incoming, assignee also in To-Contact (other spelling): listed once",
      { ...incoming, assignee: "Q. Hale <CHAIR@example.org>", toContact: ["chair@example.org"] },
      {
        to: ["Q. Hale <CHAIR@example.org>"],
        cc: [LM],
      },
    ],
    [
      "incoming, the LM is the assignee: in To, not in Cc",
      { ...incoming, assignee: LM },
      {
        to: [LM, "quic-chairs@ietf.org", "Ada Lindqvist <ad@example.org>"],
        cc: [],
      },
    ],
    [
      "outgoing awaiting a reply: From-Contact, never the peer's To-Contact",
      outgoing,
      {
        to: ["Quentin Hale <chair@example.org>", "quic@ietf.org"],
        cc: [LM],
      },
    ],
    [
      "outgoing with an assignee: From-Contact and the assignee",
      { ...outgoing, assignee: "Ada Lindqvist <ad@example.org>" },
      {
        to: ["Quentin Hale <chair@example.org>", "quic@ietf.org", "Ada Lindqvist <ad@example.org>"],
        cc: [LM],
      },
    ],
    [
      "nobody to address: the coordination address",
      { ...incoming, assignee: null, toContact: [] },
      { to: [COORD], cc: [LM] },
    ],
    [
      "no liaison manager known: the coordination address stands in (from managerMailboxes)",
      { ...incoming, externalGroupManagers: [COORD] },
      {
        to: ["Quentin Hale <chair@example.org>", "quic-chairs@ietf.org", "Ada Lindqvist <ad@example.org>"],
        cc: [COORD],
      },
    ],
  ])("%s", (_label, facts, expected) => {
    expect(reminderRecipients(facts, COORD)).toEqual({ ...expected, replyTo: null });
  });
});
