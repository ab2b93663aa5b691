import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkFile, checkTree, circlesOf, importsOf } from "./check-layers.mjs";

describe("the layer rule (ADR 027)", () => {
  it.each([
    ["src/components/x.tsx", `import { prisma } from "@/server/db";`, "only types from src/server"],
    ["src/components/x.tsx", `import type { Prisma } from "@/generated/prisma/client";`, "must not import Prisma"],
    ["src/components/x.tsx", `import { x } from "../server/archive/search";`, "only types from src/server"],
    ["src/components/x.tsx", `import { Page } from "@/app/page";`, "must not import src/app"],
    ["src/app/a/page.tsx", `import { prisma } from "@/server/db";`, "data-access internals"],
    ["src/app/a/page.tsx", `import { findStatement } from "@/server/statements/repository";`, "data-access internals"],
    ["src/app/a/page.tsx", `import { PrismaClient } from "@prisma/client";`, "must not import Prisma"],
    ["src/lib/a.ts", `import { Prisma } from "@/generated/prisma/client";`, "must not import Prisma"],
    ["src/actions/a.ts", `import { changeState } from "@/server/statements/state-change";`, "data-access internals"],
    ["src/actions/a.ts", `import { inTransaction } from "@/server/db/transaction";`, "data-access internals"],
    ["src/server/ops/a.ts", `import { startMailWorker } from "@/server/jobs/mail-worker";`, "jobs are started"],
    ["src/server/mail/a.ts", `import { sendDueReminders } from "../reminders/send-reminders";`, "mail/ is below"],
    ["src/server/mail/a.ts", `import type { StatementRow } from "@/server/statements/repository";`, "mail/ is below"],
    [
      "src/server/statements/a.ts",
      `import type { Props } from "@/components/statements/statement-form";`,
      "must not import src/components",
    ],
    ["src/server/a.ts", `export { x } from "../app/page";`, "must not import src/app"],
    ["src/server/a.ts", `const m = await import("@/actions/statements");`, "must not import src/actions"],
    ["src/lib/a.ts", `import type { Actor } from "@/server/authz/types";`, "src/lib must not import src/server"],
  ])("refuses %s: %s", (file, source, message) => {
    const problems = checkFile(file, source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it.each([
    ["src/components/x.tsx", `import type { ArchiveListItem } from "@/server/archive/search";`],
    ["src/components/x.tsx", `import { type A, type B } from "@/server/archive/search";`],
    [
      "src/components/x.tsx",
      `import type { Purpose } from "@/generated/prisma/enums";\nimport { hasMatch } from "@/lib/highlight";`,
    ],
    ["src/app/a/page.tsx", `import { searchStatements } from "@/server/archive/search";`],
    ["src/actions/a.ts", `import { approveStatement } from "@/server/statements/approve-statement";`],
    ["src/server/jobs/a.ts", `import { sendDueReminders } from "@/server/reminders/send-reminders";\nimport "./b";`],
    ["src/server/statements/a.ts", `import { inTransaction } from "@/server/db/transaction";`],
    ["src/server/a.ts", `import { isoDate } from "@/lib/dates";\nimport { prisma } from "@/server/db";`],
  ])("allows %s: %s", (file, source) => {
    expect(checkFile(file, source)).toEqual([]);
  });

  it("tells a mixed import from a type-only one", () => {
    expect(importsOf(`import { type A, b } from "x";`)).toEqual([{ spec: "x", typeOnly: false }]);
    expect(importsOf(`import Default, { type A } from "x";`)).toEqual([{ spec: "x", typeOnly: false }]);
    expect(importsOf(`import type A from "x";\nimport "server-only";`)).toEqual([
      { spec: "x", typeOnly: true },
      { spec: "server-only", typeOnly: false },
    ]);
  });

  it("finds a deliberately bad import in a tree, and passes the repository as it is", () => {
    const root = mkdtempSync(path.join(tmpdir(), "layers-"));
    try {
      mkdirSync(path.join(root, "src/components"), { recursive: true });
      writeFileSync(path.join(root, "src/components/bad.tsx"), `import { prisma } from "@/server/db";\n`);
      expect(checkTree(root)).toEqual([
        `src/components/bad.tsx: imports "@/server/db": a component may import only types from src/server (pages pass it the data)`,
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    expect(checkTree(path.resolve(import.meta.dirname, ".."))).toEqual([]);
  });

  it("finds files that import each other, through others and by type only too (issue 14: no cycles)", () => {
    const texts = new Map([
      ["src/server/db/connection.ts", `import { fileStore } from "@/server/attachments/file-store";`],
      ["src/server/attachments/file-store.ts", `import { chunkStream } from "./db-store";`],
      ["src/server/attachments/db-store.ts", `import type { SqlRunner } from "../db/connection";`],
      ["src/server/seed/plan-events.ts", `import type { StatementPlan } from "./plan-statement";`],
      ["src/server/seed/plan-statement.ts", `import { planEvents } from "./plan-events";\nimport { z } from "zod";`],
      ["src/server/seed/seed.ts", `import { planEvents } from "./plan-events";`],
      ["src/lib/self.ts", `export { x } from "./self";`],
      ["src/server/db/index.ts", `export * from "./connection";`],
      ["src/server/db/user.ts", `import { db } from "@/server/db";`],
      // A circle only through a folder's index.ts: found only if "@/lib/pair" resolves to src/lib/pair/index.ts.
      ["src/lib/pair/index.ts", `export { member } from "./member";`],
      ["src/lib/pair/member.ts", `import { other } from "@/lib/pair";`],
    ]);
    expect(circlesOf(texts)).toEqual([
      ["src/lib/pair/index.ts", "src/lib/pair/member.ts"],
      ["src/lib/self.ts"],
      ["src/server/attachments/db-store.ts", "src/server/attachments/file-store.ts", "src/server/db/connection.ts"],
      ["src/server/seed/plan-events.ts", "src/server/seed/plan-statement.ts"],
    ]);
    const root = mkdtempSync(path.join(tmpdir(), "circles-"));
    try {
      mkdirSync(path.join(root, "src/lib"), { recursive: true });
      writeFileSync(path.join(root, "src/lib/a.ts"), `import { b } from "./b";\nexport const a = 1;\n`);
      writeFileSync(path.join(root, "src/lib/b.ts"), `import { a } from "@/lib/a";\nexport const b = a;\n`);
      expect(checkTree(root)).toEqual([
        "import circle: src/lib/a.ts, src/lib/b.ts import each other: move what they share into a module of its own that they import",
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
