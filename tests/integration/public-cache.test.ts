import { beforeAll, describe, expect, it } from "vitest";
import { parseArchiveQuery } from "@/server/archive/filters";
import { searchStatements } from "@/server/archive/search";
import { setPublicCacheEnabled } from "@/server/cache";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
beforeAll(() => setPublicCacheEnabled(true));

describe(`public read cache (${testEngine})`, () => {
  it("serves repeated anonymous reads from memory, and a posted statement appears at once", async () => {
    const db = world();
    const parsed = parseArchiveQuery(new URLSearchParams("q=cachecanary"));
    if (!parsed.ok) throw new Error("filters");
    const filters = { value: parsed.filters };
    expect((await searchStatements(filters.value)).total).toBe(0);

    // Repeated reads are the same object: they came from memory, not from the database.
    const before = await searchStatements(filters.value);
    expect(await searchStatements(filters.value)).toBe(before);

    const ad = await actorFor(db, "ad@example.org");
    const [from, to] = [await groupId(db, "httpbis"), await groupId(db, "itu-t-sg15")];
    const id = await saveStatement({
      actor: ad,
      input: statementFormSchema.parse({
        direction: "outgoing",
        from: String(from),
        to: String(to),
        fromContact: "ad@example.org",
        toContact: "sg15@example.net",
        title: "LS on cachecanary",
        purpose: "information",
        body: "x",
      }),
    });
    await submitStatement({ actor: ad, id }); // posts at once: the AD approves their own area
    const after = await searchStatements(filters.value);
    expect(after.total).toBe(1);
    expect(after.items[0]?.title).toBe("LS on cachecanary");
  });
});
