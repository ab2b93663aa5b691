import { describe, expect, it } from "vitest";
import { type ReminderRecipientFacts, reminderRecipients } from "./reminder-recipients";

const COORD = "liaison-coordination@iab.org";
const LM = "Mia Tanaka <lm-3gpp@example.org>";
const CHAIR = "Quentin Hale <chair@example.org>";
const AD = "Ada Lindqvist <ad@example.org>";

const incoming: ReminderRecipientFacts = {
  direction: "incoming",
  assignee: CHAIR,
  submitter: LM,
  leaders: [CHAIR, AD],
  externalGroupManagers: [LM],
  listAddresses: ["quic@ietf.org"],
  isLast: false,
};
const outgoing: ReminderRecipientFacts = {
  direction: "outgoing",
  assignee: null,
  submitter: CHAIR,
  leaders: [CHAIR, "Elena Petrova <cochair@example.org>"],
  externalGroupManagers: [LM],
  listAddresses: ["quic@ietf.org"],
  isLast: false,
};

describe("reminderRecipients: people only, never a group's list (issue 15)", () => {
  it.each([
    [
      "incoming: the assignee first, then the To groups' chairs/ADs; Cc the liaison managers",
      incoming,
      { to: [CHAIR, AD], cc: [LM] },
    ],
    ["incoming without an assignee: the chairs/ADs", { ...incoming, assignee: null }, { to: [CHAIR, AD], cc: [LM] }],
    [
      "incoming, assignee also a leader (other spelling): listed once",
      { ...incoming, assignee: "Q. Hale <CHAIR@example.org>" },
      { to: ["Q. Hale <CHAIR@example.org>", AD], cc: [LM] },
    ],
    [
      "incoming, the LM is the assignee: in To, not in Cc",
      { ...incoming, assignee: LM },
      { to: [LM, CHAIR, AD], cc: [] },
    ],
    [
      "incoming: the submitter (the LM who recorded it) is not asked to act",
      { ...incoming, externalGroupManagers: [] },
      { to: [CHAIR, AD], cc: [] },
    ],
    [
      "outgoing awaiting a reply: the submitter and the From groups' chairs",
      outgoing,
      { to: [CHAIR, "Elena Petrova <cochair@example.org>"], cc: [LM] },
    ],
    [
      "outgoing with an assignee: also the assignee",
      { ...outgoing, assignee: AD },
      { to: [CHAIR, "Elena Petrova <cochair@example.org>", AD], cc: [LM] },
    ],
    [
      "a role whose address is a group's mailing list is left out (To and Cc)",
      { ...incoming, leaders: ["QUIC WG <quic@ietf.org>", AD], externalGroupManagers: [LM, "QUIC@ietf.org"] },
      { to: [CHAIR, AD], cc: [LM] },
    ],
    [
      "nobody to address: the coordination address",
      { ...incoming, assignee: null, leaders: [] },
      { to: [COORD], cc: [LM] },
    ],
    [
      "the last reminder is copied to the coordination address too",
      { ...incoming, isLast: true },
      { to: [CHAIR, AD], cc: [LM, COORD] },
    ],
    [
      "no liaison manager known: the coordination address stands in (from managerMailboxes)",
      { ...incoming, externalGroupManagers: [COORD], isLast: true },
      { to: [CHAIR, AD], cc: [COORD] },
    ],
  ])("%s", (_label, facts, expected) => {
    expect(reminderRecipients(facts, COORD)).toEqual({ ...expected, replyTo: null });
  });
});
