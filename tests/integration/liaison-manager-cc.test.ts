import { describe, expect, it } from "vitest";
import { loadGroupIndex } from "@/server/authz/load";
import { statementFormContext } from "@/server/statements/form-context";
import { buildDistribution } from "@/server/statements/post-statement";
import { findStatement } from "@/server/statements/repository";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
const LM = "lm-3gpp@example.org";

describe(`the liaison manager is copied, never put in To (issue 15 §1, ${testEngine})`, () => {
  it("the outgoing form pre-fills To-Contact of 3GPP SA2 with SA2's own contacts, not our liaison manager", async () => {
    const chair = await actorFor(world(), "chair@example.org");
    const context = await statementFormContext(chair, await loadGroupIndex(), "outgoing");
    const sa2 = context.to.find((g) => g.acronym === "3gpp-tsgsa-sa2");
    expect(sa2?.contacts.length).toBeGreaterThan(0);
    expect(sa2?.contacts.join()).not.toContain(LM);
    // The LM is still suggested where replies go (From-Liaison-Contact).
    expect(sa2?.liaisonContact).toContain(LM);
  });

  it("the incoming form pre-fills From-Contact of 3GPP SA2 without our liaison manager", async () => {
    const lm = await actorFor(world(), LM);
    const context = await statementFormContext(lm, await loadGroupIndex(), "incoming");
    const sa2 = context.from.find((g) => g.acronym === "3gpp-tsgsa-sa2");
    expect(sa2?.contacts.length).toBeGreaterThan(0);
    expect(sa2?.contacts.join()).not.toContain(LM);
  });

  it("a statement whose To-Contact names the LM by hand still sends her in Cc, not To", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const input = statementFormSchema.parse({
      direction: "outgoing",
      from: String(await groupId(db, "quic")),
      to: String(await groupId(db, "3gpp-tsgsa-sa2")),
      fromContact: "Quentin Hale <chair@example.org>",
      fromLiaisonContact: "",
      toContact: `3GPP SA2 Chair <sa2-chair@example.org>\nMia Tanaka <${LM}>`,
      toLiaisonContact: "",
      title: "LS with the LM typed into To-Contact",
      purpose: "information",
      deadline: "",
      body: "Body.",
      otherIdentifiers: "",
    });
    const id = await saveStatement({ actor: chair, input });
    const row = await findStatement(db.prisma, id);
    const { recipients } = await buildDistribution(db.prisma, row!);
    expect(recipients.to.join()).not.toContain(LM);
    expect(recipients.to.join()).toContain("sa2-chair@example.org");
    expect(recipients.cc.join()).toContain(LM);
  });
});
