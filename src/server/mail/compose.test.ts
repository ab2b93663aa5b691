import { describe, expect, it } from "vitest";
import { distributionMail, type StatementMailView } from "./compose";

const view: StatementMailView = {
  id: 7,
  url: "https://liaison.example/statements/7",
  direction: "outgoing",
  title: "LS on QUIC multipath",
  purpose: "information",
  deadline: null,
  consensus: null,
  body: "Text.",
  from: [{ acronym: "quic", name: "QUIC" }],
  to: [{ acronym: "3gpp-tsgsa-sa2", name: "3GPP TSG SA WG2 (Architecture)" }],
  fromContact: ["quic@ietf.org"],
  fromLiaisonContact: null,
  toContact: ["sa2@example.org"],
  toLiaisonContact: null,
  otherIdentifiers: [],
  attachments: [],
  related: [],
  submitter: "Quentin Hale",
};

describe("distributionMail", () => {
  it("says the title and the statement's URL once each in its body (the subject names it too)", () => {
    const mail = distributionMail(view);
    expect(mail.subject).toBe('New Liaison Statement, "LS on QUIC multipath"');
    expect(mail.body.split("LS on QUIC multipath").length - 1).toBe(1);
    expect(mail.body.split(view.url).length - 1).toBe(1);
    expect(mail.body).toMatch(/^This liaison statement is sent by QUIC \(quic\) to 3GPP TSG SA WG2/);
  });
});
