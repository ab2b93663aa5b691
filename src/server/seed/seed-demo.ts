import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { stageStream } from "@/server/attachments/staging";
import type { AttachmentStore } from "@/server/attachments/store";
import { hashPassword } from "@/server/auth/password";
import { DEMO_STATEMENTS } from "./demo-data";
import { renderAttachment } from "./demo-documents";
import { planStatements } from "./plan-statement";
import { seedDirectory } from "./seed-directory";
import { seedStatements } from "./seed-statements";

// Serialises concurrent seeders (two app instances starting on one PostgreSQL database) so both cannot
// insert the same demo rows; the loser waits, then finds everything present and adds nothing.
const SEED_LOCK = 72707370;

/** True when the database holds no organization yet, i.e. it was never seeded or set up by hand. */
export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.organization.count()) === 0;
}

/**
 * Loads the demo data (docs/domain.md "Contracts" (demo data)), with dates relative to `now`.
 * Idempotent: adds only what is missing, in one transaction. Returns a summary of what was added,
 * e.g. "9 organizations, 37 groups, 26 people, 45 statements".
 */
export async function seedDemo(
  { prisma, attachments }: { prisma: PrismaClient; attachments: AttachmentStore },
  options: { now?: Date } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  // Planned before opening the transaction: a mistake in the demo data fails without touching the database.
  const plans = planStatements(DEMO_STATEMENTS, now);
  // The attachments' bytes go to the store first, like an upload's (content-addressed: stored once, so a
  // second run adds nothing); the rows that name them follow in the transaction.
  for (const plan of plans) {
    for (const attachment of plan.spec.attachments ?? []) {
      const { content } = renderAttachment(attachment);
      await attachments.put(await stageStream(attachments.stagingDir, [content]));
    }
  }
  // scrypt is deliberately slow; the demo accounts share one password, so hash it once per run.
  const hashes = new Map<string, Promise<string>>();
  const hashOf = (password: string) => {
    let hash = hashes.get(password);
    if (!hash) {
      hash = hashPassword(password);
      hashes.set(password, hash);
    }
    return hash;
  };
  const added = await prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${SEED_LOCK})) AS l`;
      const directory = await seedDirectory(tx, hashOf);
      const statements = await seedStatements(tx, directory, plans);
      return { ...directory.added, statements };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    count(added.organizations, "organization", "organizations"),
    count(added.groups, "group", "groups"),
    count(added.people, "person", "people"),
    count(added.statements, "statement", "statements"),
  ].join(", ");
}
