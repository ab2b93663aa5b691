import { describe, expect, it, vi } from "vitest";
import { loadGroupIndex } from "@/server/authz/load";
import { attachmentStore } from "@/server/db";
import { AppError } from "@/server/errors";
import { ingestMessage } from "@/server/inbound/ingest-message";
import { originalMessageForDownload, receivedByMail } from "@/server/inbound/original-message";
import type { CoverSheet, InboundMessage } from "@/server/inbound/types";
import { statementPage } from "@/server/statements/queries";
import { storedBytes } from "../support/attachments";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { buildEml, TINY_PDF } from "../support/inbound-mail";
import { testEngine } from "../support/test-database";

// The reader's cover-sheet reading is built beside this (issue 18): a test may hand the ingestion a cover
// sheet as the reader will return it, to check the mapping end to end.
const cover: { sheet?: CoverSheet } = {};
vi.mock("@/server/inbound/read-message", async (original) => {
  const real = await original<typeof import("@/server/inbound/read-message")>();
  return {
    readInboundMessage: async (raw: Buffer): Promise<InboundMessage> => {
      const message = await real.readInboundMessage(raw);
      return cover.sheet ? { ...message, coverSheet: cover.sheet } : message;
    },
  };
});

const world = setupDemoWorld();
const src = (from: string, text: string) => ({ from, text });

async function expectError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

describe(`ingesting a received e-mail (${testEngine})`, () => {
  it("a plain mail from a known 3GPP address becomes a draft for the 3GPP LM, with attachments and a notice", async () => {
    const db = world();
    const raw = await buildEml({
      subject: "Fwd: LS on QUIC multipath for ATSSS (S2-2410123)",
      attachments: [
        { filename: "S2-2410123.pdf", content: TINY_PDF, contentType: "application/pdf" },
        { filename: "notes.txt", content: "Some notes\n" },
        { filename: "setup.exe", content: Buffer.from("MZ not for us") },
      ],
    });
    const result = await ingestMessage(raw, { channel: "command" });
    expect(result.duplicate).toBeNull();
    expect(result.url).toMatch(new RegExp(`/statements/${result.statementId}$`));
    const st = await db.prisma.statement.findUniqueOrThrow({
      where: { id: result.statementId },
      include: {
        groups: { include: { group: true } },
        attachments: true,
        inboundMail: true,
        submitter: { include: { emails: true } },
      },
    });
    expect(st.state).toBe("draft");
    expect(st.direction).toBe("incoming");
    expect(st.title).toBe("LS on QUIC multipath for ATSSS (S2-2410123)");
    expect(st.groups.filter((g) => g.side === "from").map((g) => g.group.acronym)).toEqual(["3gpp-tsgsa-sa2"]);
    expect(st.fromContact).toEqual(["3GPP TSG SA2 Secretary <sa2-secretary@example.org>"]);
    expect(st.fromLiaisonContact).toBe("3GPP TSG SA2 Secretary <sa2-secretary@example.org>");
    expect(st.otherIdentifiers).toEqual(["S2-2410123"]);
    expect(st.body).toContain("SA2 asks for feedback on multipath QUIC");
    expect(st.receivedOn?.toISOString().slice(0, 10)).toBe("2026-11-20");
    expect(st.submitter.emails.map((e) => e.address)).toContain("lm-3gpp@example.org");
    expect(st.attachments.map((a) => a.filename).sort()).toEqual(["S2-2410123.pdf", "notes.txt"]);
    expect(await storedBytes(db, st.attachments.find((a) => a.filename === "S2-2410123.pdf")!.sha256)).toEqual(
      TINY_PDF,
    );
    expect(st.inboundMail?.channel).toBe("command");
    expect(st.inboundMail?.warnings.join(" ")).toMatch(/setup\.exe/);
    const sources = st.inboundMail?.sources as Record<string, { kind: string; from?: string }>;
    expect(sources.title).toMatchObject({ kind: "read", from: "subject" });
    expect(sources.from).toMatchObject({ kind: "read", from: "known contact address" });
    expect(sources.to).toMatchObject({ kind: "left" });
    // Never posted by itself: no distribution, no acknowledgement; one notice to the LMs of the sending body.
    const mails = await db.prisma.mail.findMany({ where: { statementId: st.id } });
    expect(mails.map((m) => m.kind)).toEqual(["inbound_draft"]);
    expect(mails[0]?.to).toEqual(["Mia Tanaka <lm-3gpp@example.org>"]);
    expect(mails[0]?.body).toContain(`/statements/${st.id}/edit`);
    expect(mails[0]?.body).toMatch(/Left for you:\n {2}To: /);
    // It shows under My statements (the LM is its submitter) and the LM may edit it.
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const page = await statementPage(lm, await loadGroupIndex(), st.id);
    expect(page?.permissions.edit).toBe(true);
  });

  it("maps a 3GPP cover sheet: title, Source and To groups, contacts, reply address, Tdoc, purpose, deadline, action text, response to", async () => {
    const db = world();
    const earlier = await db.prisma.statement.findFirstOrThrow({ where: { state: "posted", direction: "outgoing" } });
    await db.prisma.statement.update({ where: { id: earlier.id }, data: { otherIdentifiers: ["S2-2400777"] } });
    const docx = "S2-2410555.zip › S2-2410555.docx";
    cover.sheet = {
      kind: "3gpp",
      title: { value: "LS on multipath QUIC in 5G", source: src(docx, "Title: LS on multipath QUIC in 5G") },
      identifiers: [{ value: "S2-2410555", source: src(docx, "3GPP TSG-SA WG2 Meeting #166  S2-2410555") }],
      responseTo: [{ value: "LS (S2-2400777) from IETF", source: src(docx, "Response to: LS (S2-2400777) from IETF") }],
      source: { value: "SA WG2", source: src(docx, "Source: SA WG2") },
      to: [
        {
          value: "IETF QUIC WG, IETF HTTPbis, ETSI TC Cyber",
          source: src(docx, "To: IETF QUIC WG, IETF HTTPbis, ETSI TC Cyber"),
        },
      ],
      cc: [],
      contacts: [
        { value: "Ann Example <ann@example.net>", source: src(docx, "Contact person: Ann Example ann@example.net") },
      ],
      replyTo: {
        value: "mailto3gpp_sa2@example.org",
        source: src(docx, "Send any reply LS to: mailto3gpp_sa2@example.org"),
      },
      purpose: { value: "action", source: src(docx, "ACTION: SA2 asks IETF QUIC WG to …") },
      deadline: { value: "2027-01-20", source: src(docx, "TSG SA2 Meeting #167 20 - 24 January 2027") },
      actionText: {
        value: "SA2 kindly asks IETF QUIC WG to provide feedback.",
        source: src(docx, "ACTION: SA2 kindly asks IETF QUIC WG to provide feedback."),
      },
      other: [],
    };
    try {
      const result = await ingestMessage(
        await buildEml({ from: "Unknown Relay <relay@lists.example.com>", subject: "[sa2] LS" }),
        { channel: "smtp" },
      );
      const st = await db.prisma.statement.findUniqueOrThrow({
        where: { id: result.statementId },
        include: {
          groups: { include: { group: true }, orderBy: { position: "asc" } },
          relationsFrom: true,
          inboundMail: true,
        },
      });
      expect(st.title).toBe("LS on multipath QUIC in 5G");
      expect(st.groups.filter((g) => g.side === "from").map((g) => g.group.acronym)).toEqual(["3gpp-tsgsa-sa2"]);
      expect(st.groups.filter((g) => g.side === "to").map((g) => g.group.acronym)).toEqual(["quic", "httpbis"]);
      expect(st.toContact).toEqual(["quic@ietf.org", "httpbis@ietf.org"]);
      expect(st.fromContact).toEqual(["Ann Example <ann@example.net>"]);
      expect(st.fromLiaisonContact).toBe("mailto3gpp_sa2@example.org");
      expect(st.otherIdentifiers).toEqual(["S2-2410555"]);
      expect(st.purpose).toBe("action");
      expect(st.deadline?.toISOString().slice(0, 10)).toBe("2027-01-20");
      expect(st.body).toBe("SA2 kindly asks IETF QUIC WG to provide feedback.");
      expect(st.relationsFrom.map((r) => [r.targetId, r.relationship])).toEqual([[earlier.id, "responds_to"]]);
      const sources = st.inboundMail?.sources as Record<string, { kind: string; from?: string; text: string }>;
      expect(sources.title).toEqual({ kind: "read", from: docx, text: "Title: LS on multipath QUIC in 5G" });
      expect(sources.to?.kind).toBe("left");
      expect(sources.to?.text).toContain('"ETSI TC Cyber"');
      expect(sources.respondsTo).toMatchObject({ kind: "read", from: docx });
    } finally {
      cover.sheet = undefined;
    }
  });

  it("the same message twice, or another mail with the same Tdoc, makes no second draft", async () => {
    const db = world();
    const raw = await buildEml({
      subject: "LS on congestion control (S2-2419999)",
      messageId: "<dup-1@3gpp.example.org>",
    });
    const first = await ingestMessage(raw, { channel: "command" });
    const again = await ingestMessage(raw, { channel: "smtp" });
    expect(again).toEqual({ ...first, duplicate: "message-id" });
    const resent = await ingestMessage(
      await buildEml({
        subject: "Resent: LS on congestion control (S2-2419999)",
        messageId: "<dup-2@3gpp.example.org>",
      }),
      { channel: "command" },
    );
    expect(resent).toEqual({ ...first, duplicate: "document number" });
    expect(
      await db.prisma.inboundMail.count({
        where: { messageId: { in: ["dup-1@3gpp.example.org", "dup-2@3gpp.example.org"] } },
      }),
    ).toBe(1);
    // Two deliveries of the same message at the same moment: one draft.
    const racing = await buildEml({ subject: "LS on racing", messageId: "<race@3gpp.example.org>" });
    const both = await Promise.all([
      ingestMessage(racing, { channel: "smtp" }),
      ingestMessage(racing, { channel: "command" }),
    ]);
    expect(both[0].statementId).toBe(both[1].statementId);
    expect(await db.prisma.inboundMail.count({ where: { messageId: "race@3gpp.example.org" } })).toBe(1);
  });

  it("the original is kept (the sweep spares it) and is staff-only: LMs, coordinators, Secretariat; never a chair or the public", async () => {
    const db = world();
    const raw = await buildEml({ subject: "LS with the original kept", messageId: "<orig@3gpp.example.org>" });
    const { statementId } = await ingestMessage(raw, { channel: "command" });
    await (await attachmentStore()).sweep();
    const groups = await loadGroupIndex();
    for (const email of ["lm-3gpp@example.org", "coordinator@example.org", "secretariat@example.org"]) {
      const original = await originalMessageForDownload(await actorFor(db, email), groups, statementId);
      expect(original, email).not.toBeNull();
      const chunks: Uint8Array[] = [];
      for await (const c of original!.content as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
      expect(Buffer.concat(chunks).equals(raw)).toBe(true);
    }
    expect(await originalMessageForDownload(null, groups, statementId)).toBeNull();
    expect(await originalMessageForDownload(await actorFor(db, "chair@example.org"), groups, statementId)).toBeNull();
    expect(await originalMessageForDownload(await actorFor(db, "lm-itu@example.org"), groups, statementId)).toBeNull();
    expect(await receivedByMail(await actorFor(db, "lm-itu@example.org"), groups, statementId)).toBeNull();
    // Even once posted it is not among the public attachments.
    await db.prisma.statement.update({ where: { id: statementId }, data: { state: "posted", postedAt: new Date() } });
    expect(await originalMessageForDownload(null, await loadGroupIndex(), statementId)).toBeNull();
    expect(await db.prisma.attachment.count({ where: { statementId } })).toBe(0);
  });

  it("a forged or unknown sender is still only a draft: no sending group, the coordinators are told", async () => {
    const db = world();
    const { statementId } = await ingestMessage(
      await buildEml({
        from: "The IETF Chair <ietf-chair@example.org>",
        subject: "Urgent LS, post at once",
        to: "anyone@example.org",
      }),
      { channel: "smtp" },
    );
    const st = await db.prisma.statement.findUniqueOrThrow({
      where: { id: statementId },
      include: { groups: true, submitter: { include: { emails: true } } },
    });
    expect([st.state, st.groups.length]).toEqual(["draft", 0]);
    expect(st.submitter.emails.map((e) => e.address)).toContain("coordinator@example.org");
    const mails = await db.prisma.mail.findMany({ where: { statementId } });
    expect(mails.map((m) => [m.kind, m.to])).toEqual([["inbound_draft", ["Colin Baker <coordinator@example.org>"]]]);
  });

  it("refuses what is not an e-mail message, an empty file and an over-size message, naming the problem", async () => {
    const db = world();
    const before = await db.prisma.statement.count();
    await expectError(
      ingestMessage(Buffer.from("%PDF-1.4 not a mail"), { channel: "command" }),
      "VALIDATION",
      /not an e-mail message/,
    );
    await expectError(ingestMessage(Buffer.alloc(0), { channel: "command" }), "VALIDATION", /empty/);
    await expectError(
      ingestMessage(Buffer.alloc(51 * 1024 * 1024, 65), { channel: "command" }),
      "VALIDATION",
      /larger than 50 MB/,
    );
    expect(await db.prisma.statement.count()).toBe(before);
  });

  it("an upload by the LM makes the draft in their name without a notice; a WG chair may not upload", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-itu@example.org");
    const { statementId } = await ingestMessage(
      await buildEml({ from: "TSB <tsbsg15@itu.example.org>", subject: "LS on OTN (SG15-LS987)" }),
      { channel: "upload", actor: lm },
    );
    const st = await db.prisma.statement.findUniqueOrThrow({
      where: { id: statementId },
      include: { inboundMail: true },
    });
    expect([st.submitterId, st.state, st.inboundMail?.channel, st.otherIdentifiers]).toEqual([
      lm.personId,
      "draft",
      "upload",
      ["SG15-LS987"],
    ]);
    expect(await db.prisma.mail.count({ where: { statementId } })).toBe(0);
    await expectError(
      ingestMessage(await buildEml(), { channel: "upload", actor: await actorFor(db, "chair@example.org") }),
      "FORBIDDEN",
    );
    expect(await groupId(db, "itu-t-sg15")).toBeGreaterThan(0);
  });
});
