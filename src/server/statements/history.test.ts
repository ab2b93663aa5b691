import { describe, expect, it } from "vitest";
import { historyEntry } from "./history";

const at = new Date("2026-11-23T14:05:00Z");

describe("historyEntry: how the statement page writes one event", () => {
  it("names the changed fields as the form does and shows old → new", () => {
    const entry = historyEntry({
      type: "edited",
      text: "Changed title, otherIdentifiers, fromLiaisonContact",
      actor: "Sandra Ortiz",
      createdAt: at,
      data: {
        title: { from: "LS on QUIC", to: "LS on QUIC multipath" },
        otherIdentifiers: { from: "", to: "S2-2405678, S2-2405679" },
        fromLiaisonContact: { from: "lm@example.org", to: null },
      },
    });
    expect(entry.text).toBe("Changed Title, Other identifiers, From-Liaison-Contact");
    expect(entry.changes).toEqual([
      { field: "Title", from: "LS on QUIC", to: "LS on QUIC multipath", isLong: false },
      { field: "Other identifiers", from: "—", to: "S2-2405678, S2-2405679", isLong: false },
      { field: "From-Liaison-Contact", from: "lm@example.org", to: "—", isLong: false },
    ]);
    expect(entry.actor).toBe("Sandra Ortiz");
  });

  it("labels enum values and marks the body as long", () => {
    const entry = historyEntry({
      type: "edited",
      text: "Changed purpose, body",
      actor: "A",
      createdAt: at,
      data: { purpose: { from: "information", to: "action" }, body: { from: "old\ntext", to: "new text" } },
    });
    expect(entry.changes).toEqual([
      { field: "Purpose", from: "For information", to: "For action", isLong: false },
      { field: "Body", from: "old\ntext", to: "new text", isLong: true },
    ]);
  });

  it("does not repeat an actor the text already names", () => {
    const approved = historyEntry({
      type: "approved",
      text: "Approved for QUIC by Alex Example as AD of Web and Internet Transport",
      actor: "Alex Example",
      createdAt: at,
      data: null,
    });
    expect(approved.actor).toBeNull();
    expect(approved.changes).toEqual([]);
    const posted = historyEntry({ type: "posted", text: "Posted", actor: "Alex Example", createdAt: at, data: null });
    expect(posted.actor).toBe("Alex Example");
  });

  it("keeps the stored text of events without a field diff", () => {
    const entry = historyEntry({
      type: "edited",
      text: "Changed after submission (title): the approvals were withdrawn",
      actor: null,
      createdAt: at,
      data: { withdrawnApprovals: [{ groupId: 1, approverId: 2 }] },
    });
    expect(entry).toMatchObject({
      text: "Changed after submission (Title): the approvals were withdrawn",
      changes: [],
    });
  });
});

describe("the stored summary of an edit", () => {
  it("old events' field names read as the form's", () => {
    const entry = historyEntry({ type: "edited", text: "Changed title, groups", actor: null, createdAt: at, data: {} });
    expect(entry.text).toBe("Changed Title, From/To groups");
  });
});
