/**
 * Issue 18, end to end on realistic mail: the reader's generated 3GPP and ITU-T liaison mails (a .docx cover
 * sheet in a zip, a PDF cover sheet) and a reply that names one of our posted statements by its 3GPP Tdoc,
 * through the one ingestion use-case — the drafts a liaison manager reviews. The ingestion was built against
 * a reader that did not yet read cover sheets; this is the check that both halves fit. PGlite and, with
 * TEST_DATABASE_URL, PostgreSQL.
 */
import { describe, expect, it } from "vitest";
import { ingestMessage } from "@/server/inbound/ingest-message";
import { ituLsMail, replyLsMail, threeGppLsMail } from "../fixtures/inbound/build-fixtures";
import { setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();

async function draftOf(id: number) {
  return world().prisma.statement.findUniqueOrThrow({
    where: { id },
    include: {
      groups: { include: { group: true }, orderBy: { position: "asc" } },
      attachments: { orderBy: { id: "asc" } },
      inboundMail: true,
      relationsFrom: true,
    },
  });
}
type Draft = Awaited<ReturnType<typeof draftOf>>;
const acronyms = (st: Draft, side: "from" | "to") =>
  st.groups.filter((g) => g.side === side).map((g) => g.group.acronym);
const day = (d: Date | null) => d?.toISOString().slice(0, 10);
const sourceOf = (st: Draft, field: string) =>
  ((st.inboundMail?.sources ?? {}) as Record<string, { from?: string }>)[field]?.from;

describe(`realistic liaison mails become drafts to review (${testEngine})`, () => {
  it("3GPP: the .docx cover sheet inside S2-2410123.zip fills the form, each field with its source", async () => {
    const result = await ingestMessage(await threeGppLsMail(), { channel: "command" });
    expect(result.duplicate).toBeNull();
    const st = await draftOf(result.statementId);
    expect([st.state, st.direction]).toEqual(["draft", "incoming"]);
    expect(st.title).toBe("LS on QUIC multipath support for ATSSS");
    expect(acronyms(st, "from")).toEqual(["3gpp-tsgsa-sa2"]);
    expect(acronyms(st, "to")).toEqual(["quic", "masque"]);
    expect(st.purpose).toBe("action");
    expect(day(st.deadline)).toBe("2024-11-18"); // the next SA2 meeting's first day, a suggestion
    expect(st.fromContact).toEqual(["Jane Doe <jane.doe@example.com>"]);
    expect(st.fromLiaisonContact).toBe("3GPP Liaisons Coordinator <3GPPLiaison@etsi.org>");
    expect(st.otherIdentifiers).toEqual(["S2-2410123"]);
    expect(st.body).toContain("draft-ietf-quic-multipath allows a server to limit the number of paths");
    expect(day(st.receivedOn)).toBe("2024-10-18");
    // the zip is kept and its members become attachments
    expect(st.attachments.map((a) => a.filename)).toEqual(["S2-2410123.zip", "S2-2410123.docx", "S2-2409999.docx"]);
    for (const field of [
      "title",
      "from",
      "to",
      "purpose",
      "deadline",
      "fromContact",
      "fromLiaisonContact",
      "otherIdentifiers",
    ])
      expect(sourceOf(st, field), field).toBe("S2-2410123.zip › S2-2410123.docx");
    // the same mail again (an MTA retrying) makes no second draft
    const again = await ingestMessage(await threeGppLsMail(), { channel: "smtp" });
    expect(again.statementId).toBe(st.id);
    expect(again.duplicate).not.toBeNull();
  });

  it("ITU-T: the PDF cover sheet from TSB fills the form", async () => {
    // The demo archive already holds an SG15 statement numbered SG15-LS123; this mail is a new one.
    const db = world().prisma;
    for (const s of await db.statement.findMany({
      where: { otherIdentifiers: { hasSome: ["SG15-LS123", "COM15-LS123"] } },
    }))
      await db.statement.update({
        where: { id: s.id },
        data: { otherIdentifiers: s.otherIdentifiers.filter((i) => !/LS123$/.test(i)) },
      });
    const result = await ingestMessage(await ituLsMail(), { channel: "command" });
    expect(result.duplicate).toBeNull();
    const st = await draftOf(result.statementId);
    expect(st.title).toBe("LS on fronthaul transport over deterministic networks");
    expect(acronyms(st, "from")).toEqual(["itu-t-sg15"]);
    expect(acronyms(st, "to")).toEqual(expect.arrayContaining(["detnet", "ccamp"]));
    expect(st.purpose).toBe("action");
    expect(day(st.deadline)).toBe("2025-09-15");
    expect(st.otherIdentifiers).toContain("SG15-LS123");
    expect(st.attachments.some((a) => a.filename.endsWith(".pdf"))).toBe(true);
    expect(sourceOf(st, "title")).toMatch(/\.pdf$/);
  });

  it("a reply whose 'Response to:' names our posted statement's Tdoc is linked to it", async () => {
    const db = world().prisma;
    // the demo archive's MASQUE statement is known to 3GPP as S2-2405678
    const ours = await db.statement.findMany({
      where: { state: "posted", otherIdentifiers: { has: "S2-2405678" } },
      orderBy: { id: "asc" },
    });
    expect(ours.length).toBeGreaterThan(0);
    const result = await ingestMessage(await replyLsMail({ respondsTo: "S2-2405678" }), { channel: "command" });
    const st = await draftOf(result.statementId);
    expect(st.title).toBe("Reply LS on MASQUE proxying of Ethernet frames");
    expect(st.otherIdentifiers).toEqual(["S2-2410456"]);
    expect(st.relationsFrom.map((r) => [r.relationship, r.targetId]).sort()).toEqual(
      ours.map((o) => ["responds_to", o.id]).sort(),
    );
  });
});
