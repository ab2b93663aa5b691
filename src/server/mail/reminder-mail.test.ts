import { describe, expect, it } from "vitest";
import type { StatementMailView } from "@/server/mail/compose";
import { reminderMail, timing } from "./reminder-mail";

const view: StatementMailView = {
  id: 42,
  url: "https://liaison.example/statements/42",
  direction: "incoming",
  title: "LS on 5G QUIC profiles",
  purpose: "action",
  deadline: "2027-01-15",
  consensus: null,
  body: "Please answer our questions.",
  from: [{ acronym: "3gpp-tsg-sa", name: "3GPP TSG SA" }],
  to: [{ acronym: "quic", name: "QUIC" }],
  fromContact: ["3GPP SA Chair <sa-chair@example.net>"],
  fromLiaisonContact: null,
  toContact: ["quic-chairs@ietf.org"],
  toLiaisonContact: null,
  otherIdentifiers: ["SP-241015"],
  attachments: [
    {
      title: "The LS",
      filename: "SP-241015.docx",
      size: 2048,
      url: "https://liaison.example/statements/42/attachments/7",
    },
  ],
  related: [],
  submitter: "Mia Tanaka",
};

describe("timing", () => {
  it.each([
    [14, "14 days left"],
    [1, "1 day left"],
    [0, "due today"],
    [-1, "overdue by 1 day"],
    [-9, "overdue by 9 days"],
  ])("%i → %s", (daysLeft, text) => expect(timing(daysLeft)).toBe(text));
});

describe("reminderMail", () => {
  it.each([
    [7, 'Reminder: action needed by 2027-01-15 on "LS on 5G QUIC profiles"', "Deadline: 2027-01-15 (7 days left)."],
    [0, 'Reminder: action needed by 2027-01-15 on "LS on 5G QUIC profiles"', "Deadline: 2027-01-15 (due today)."],
    [
      -14,
      'Overdue since 2027-01-15: action needed on "LS on 5G QUIC profiles"',
      "Deadline: 2027-01-15 (overdue by 14 days).",
    ],
  ])("%i days left: subject and timing", (daysLeft, subject, line) => {
    const mail = reminderMail({ view, daysLeft, assigneeName: "Quentin Hale" });
    expect(mail.subject).toBe(subject);
    expect(mail.body.split("\n")).toContain(line);
  });

  it("incoming: names the assignee, says how to close it at the statement URL, carries the whole statement", () => {
    const { body } = reminderMail({ view, daysLeft: 3, assigneeName: "Quentin Hale" });
    expect(body).toContain("3GPP TSG SA asked QUIC for action");
    expect(body).toContain("Assigned to: Quentin Hale.");
    expect(body).toContain(`open ${view.url} and use "Mark action taken"`);
    for (const line of [
      "Title: LS on 5G QUIC profiles",
      `URL of the statement: ${view.url}`,
      "Purpose: For action",
      "Deadline: 2027-01-15",
      "Other identifiers: SP-241015",
      view.attachments[0]!.url,
      "Please answer our questions.",
    ]) {
      expect(body).toContain(line);
    }
  });

  it("says the schedule, and that it ends after 4 overdue reminders", () => {
    const { body } = reminderMail({ view, daysLeft: 3, assigneeName: null });
    expect(body).toContain("then weekly while overdue, at most 4 times.");
    expect(body).not.toContain("last reminder");
  });

  it("the last reminder says so in its subject and text (issue 15)", () => {
    const mail = reminderMail({ view, daysLeft: -28, assigneeName: "Quentin Hale", isLast: true });
    expect(mail.subject).toBe('Last reminder: overdue since 2027-01-15: action needed on "LS on 5G QUIC profiles"');
    expect(mail.body).toContain("This is the last reminder: none will follow.");
    expect(mail.body).not.toContain("weekly while overdue");
  });

  it("incoming without an assignee says so", () => {
    expect(reminderMail({ view, daysLeft: 3, assigneeName: null }).body).toContain("Assigned to: nobody yet.");
  });

  it("outgoing: asks to chase the peer's reply and to record it as In response", () => {
    const outgoing = { ...view, direction: "outgoing" as const, from: view.to, to: view.from };
    const { body } = reminderMail({ view: outgoing, daysLeft: -7, assigneeName: null });
    expect(body).toContain("asked 3GPP TSG SA for action, and no reply has been recorded yet");
    expect(body).toContain(`incoming "In response" statement to ${view.url}`);
    expect(body).toContain('use "Mark reply received"');
    expect(body).toContain('"Close: no reply expected"');
    expect(body).not.toContain("Assigned to");
    expect(body).not.toContain("Mark action taken");
  });
});
