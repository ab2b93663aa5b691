/**
 * Issue 16 (history diffs): a browser sends a textarea's line breaks as CRLF, so saving the edit form without
 * touching the body recorded "Changed Body" — a change nobody made — and reopened a pending statement for it.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/authz/types";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();

const save = (actor: Actor, input: Record<string, unknown>) =>
  saveStatement({ actor, input: statementFormSchema.parse(input) });

describe(`editing a statement without touching its body (${testEngine})`, () => {
  it("records no change when only the line endings differ, and records a real change", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const quic = String(await groupId(db, "quic"));
    const draft = { direction: "outgoing", intent: "save", from: quic, title: "Line endings" };
    const id = await save(chair, { ...draft, body: "First line.\nSecond line." });
    const version = async () => (await db.prisma.statement.findUniqueOrThrow({ where: { id } })).version;
    const changes = async () =>
      (await db.prisma.statementEvent.findMany({ where: { statementId: id }, orderBy: { id: "asc" } }))
        .map((e) => e.text)
        .filter((text) => text.startsWith("Changed"));

    // What the browser sends back for the untouched textarea.
    await save(chair, {
      ...draft,
      id: String(id),
      version: String(await version()),
      body: "First line.\r\nSecond line.",
    });
    expect(await changes()).toEqual([]);

    await save(chair, {
      ...draft,
      id: String(id),
      version: String(await version()),
      body: "First line.\r\nA new line.",
    });
    expect(await changes()).toEqual(["Changed body"]);
  });
});
