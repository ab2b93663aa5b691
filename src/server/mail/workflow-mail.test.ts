import { describe, expect, it } from "vitest";
import type { StatementMailView } from "./compose";
import { assignmentMail, commentMail } from "./workflow-mail";

const view: StatementMailView = {
  id: 7,
  url: "https://liaison.example/statements/7",
  direction: "incoming",
  title: "LS on QUIC profiles",
  purpose: "action",
  deadline: "2027-01-15",
  consensus: null,
  body: "Please answer.",
  from: [{ acronym: "3gpp-tsg-sa", name: "3GPP TSG SA" }],
  to: [{ acronym: "quic", name: "QUIC" }],
  fromContact: ["sa-chair@example.net"],
  fromLiaisonContact: null,
  toContact: ["chair@example.org"],
  toLiaisonContact: null,
  otherIdentifiers: [],
  attachments: [],
  related: [],
  submitter: "Mia Tanaka",
};

describe("assignmentMail", () => {
  it("names the assignee, the previous one, who assigned it, the deadline and carries the statement", () => {
    const mail = assignmentMail(view, { assignee: "Quentin Hale", previous: "Mia Tanaka", by: "Colin Baker" });
    expect(mail.subject).toBe('Action assigned to Quentin Hale: "LS on QUIC profiles" (deadline 2027-01-15)');
    expect(mail.body).toContain(
      "Colin Baker assigned the action on this liaison statement to Quentin Hale (previously Mia Tanaka).",
    );
    expect(mail.body).toContain("Deadline: 2027-01-15.");
    expect(mail.body).toContain("URL of the statement: https://liaison.example/statements/7");
    expect(mail.body).toContain("Please answer.");
  });
  it("without a previous assignee says nothing of one", () => {
    expect(assignmentMail(view, { assignee: "Q", previous: null, by: "C" }).body).not.toContain("previously");
  });
});

describe("commentMail", () => {
  it("quotes the comment as plain text, line by line, and says who wrote it", () => {
    const mail = commentMail(view, { by: "Ada Lindqvist", text: "<b>Please</b> add\nthe annex.", isStaffOnly: false });
    expect(mail.subject).toBe('Comment on "LS on QUIC profiles" (waiting for approval)');
    expect(mail.body).toContain("Ada Lindqvist commented on this liaison statement, which is waiting for approval:");
    expect(mail.body).toContain("> <b>Please</b> add\n> the annex.");
    expect(mail.body).toContain("Answer or act at https://liaison.example/statements/7.");
  });
  it("says when the comment is staff-only", () => {
    expect(commentMail(view, { by: "A", text: "x", isStaffOnly: true }).body).toContain("staff-only comment");
  });
});
