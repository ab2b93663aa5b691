/**
 * Issue 19: "≤ 25 SQL statements per submit/approve/post/return" — counted at the database driver (every
 * statement Prisma sends, inside transactions too, and the plain SQL of the attachment store), through the
 * same entry points the browser uses: the upload endpoint for save + submit, the server actions for the rest,
 * each with its session lookup. Before relation joins (ADR 030) a save + submit with an attachment ran 70
 * statements and an approval 61: the statement was loaded with each relation in a query of its own, three
 * times per transaction. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../support/server-actions")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("../support/server-actions")).nextCacheMock);
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  ...(await import("../support/server-actions")).nextAuthMock,
}));

import { approveAction, postAction, returnAction } from "@/actions/statements";
import { POST as saveRoute } from "@/app/statements/save/route";
import { setPublicCacheEnabled } from "@/server/cache";
import { setDatabase } from "@/server/db";
import type { Database } from "@/server/db/connection";
import { seedDemo } from "@/server/seed/seed-demo";
import { browserSignedInAs, form, runAction, runRoute, setCookies } from "../support/server-actions";
import { createTestDatabase, testEngine } from "../support/test-database";

const BUDGET = 25;
let statements: string[] = [];
let counting = false;
let db: Database;

beforeAll(async () => {
  setPublicCacheEnabled(false);
  db = await createTestDatabase({ observe: (sql) => void (counting && statements.push(sql)) });
  await seedDemo(db);
  setDatabase(Promise.resolve(db));
});
afterAll(async () => {
  setDatabase(undefined);
  await db.close();
});

/** The SQL statements `fn` ran (shown in full when a budget is exceeded). */
async function counted(fn: () => Promise<unknown>): Promise<{ outcome: unknown; sql: string[] }> {
  statements = [];
  counting = true;
  try {
    return { outcome: await fn(), sql: statements };
  } finally {
    counting = false;
  }
}

function withinBudget(what: string, { outcome, sql }: { outcome: unknown; sql: string[] }) {
  expect(outcome, what).toMatchObject({ kind: "success" });
  const listing = sql.map((s, i) => `${i + 1}. ${s.replace(/\s+/g, " ").slice(0, 160)}`).join("\n");
  expect(sql.length, `${what} ran ${sql.length} SQL statements:\n${listing}`).toBeLessThanOrEqual(BUDGET);
  return sql.length;
}

async function signIn(email: string) {
  const address = await db.prisma.emailAddress.findUniqueOrThrow({
    where: { address: email },
    include: { person: true },
  });
  setCookies(await browserSignedInAs(address.personId, address.person.sessionVersion));
}

const gid = async (acronym: string) => String((await db.prisma.group.findUniqueOrThrow({ where: { acronym } })).id);

async function submitWithAttachment(title: string) {
  await signIn("chair@example.org");
  const body = form({
    direction: "outgoing",
    from: await gid("quic"),
    to: await gid("3gpp-tsgsa-sa2"),
    fromContact: "Quentin Hale <chair@example.org>",
    toContact: "Peer Chair <peer-chair@example.net>",
    title,
    purpose: "information",
    body: "Dear colleagues,\n\nplease find our statement attached.\n",
    intent: "submit",
    attachments: new File([Buffer.alloc(256 * 1024, 7)], "annex.pdf", { type: "application/pdf" }),
    attachmentTitles: "Annex",
  });
  const request = new Request("http://localhost:3000/statements/save", {
    method: "POST",
    headers: { origin: "http://localhost:3000", host: "localhost:3000" },
    body,
  });
  const result = await counted(() => runRoute(saveRoute, request));
  const st = await db.prisma.statement.findFirstOrThrow({ where: { title } });
  expect(st.state).toBe("pending");
  return { result, st };
}

describe(`SQL statements per workflow action, ≤ ${BUDGET} (${testEngine})`, () => {
  const figures: Record<string, number> = {};
  afterAll(() => console.log(`[sql-budget ${testEngine}]`, JSON.stringify(figures)));

  it("save + submit with an attachment (the upload endpoint), then approve and post", async () => {
    const { result, st } = await submitWithAttachment("LS counted for approval");
    figures.submit = withinBudget("save + submit", result);

    await signIn("ad@example.org");
    const approve = await counted(() => runAction(approveAction, form({ id: st.id, version: st.version })));
    figures.approve = withinBudget("approve (posts it and queues its mail)", approve);
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id: st.id } })).state).toBe("posted");
  });

  it("the upload endpoint looks the session up once (its check before the body, reused by the save)", async () => {
    const { result } = await submitWithAttachment("LS counted for its session lookups");
    // loadActor: the person, with the server session's EXISTS in its WHERE (one statement per lookup)
    const lookups = result.sql.filter((sql) => /"Session"/.test(sql));
    expect(lookups, lookups.join("\n")).toHaveLength(1);
  });

  it("return to the submitter", async () => {
    const { st } = await submitWithAttachment("LS counted for return");
    await signIn("ad@example.org");
    const back = await counted(() =>
      runAction(returnAction, form({ id: st.id, version: st.version, comment: "Please cite the draft." })),
    );
    figures.return = withinBudget("return", back);
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id: st.id } })).state).toBe("draft");
  });

  it("post an incoming statement that a liaison manager recorded", async () => {
    await signIn("lm-3gpp@example.org");
    const st = await db.prisma.statement.findFirstOrThrow({
      where: { direction: "incoming", state: "draft", title: { not: "" } },
    });
    const posted = await counted(() => runAction(postAction, form({ id: st.id, confirmPastDeadline: "yes" })));
    figures.post = withinBudget("post (incoming)", posted);
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id: st.id } })).state).toBe("posted");
  });
});
