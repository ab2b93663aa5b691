/** A fresh migrated database with the demo data, installed as the process database, plus helpers. */
import { afterAll, beforeAll } from "vitest";
import { loadActor } from "@/server/auth/actor";
import type { Actor } from "@/server/authz/types";
import { setPublicCacheEnabled } from "@/server/cache";
import { setDatabase } from "@/server/db";
import type { Database } from "@/server/db/connection";
import { seedDemo } from "@/server/seed/seed-demo";
import { createDemoDatabaseFromTemplate, createTestDatabase } from "./test-database";

export function setupDemoWorld(): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    // Tests write rows directly, behind the use-cases that invalidate the public read cache.
    setPublicCacheEnabled(false);
    // PGlite: a copy of the demo world seeded once per run; PostgreSQL (or no template): seeded here.
    db = (await createDemoDatabaseFromTemplate()) ?? undefined;
    if (!db) {
      db = await createTestDatabase();
      await seedDemo(db);
    }
    setDatabase(Promise.resolve(db));
  });
  afterAll(async () => {
    setDatabase(undefined);
    await db?.close();
  });
  return () => {
    if (!db) throw new Error("demo world not ready");
    return db;
  };
}

export async function actorFor(db: Database, email: string): Promise<Actor> {
  const address = await db.prisma.emailAddress.findUniqueOrThrow({ where: { address: email } });
  const actor = await loadActor(address.personId);
  if (!actor) throw new Error(`${email} cannot sign in`);
  return actor;
}

export async function groupId(db: Database, acronym: string): Promise<number> {
  return (await db.prisma.group.findUniqueOrThrow({ where: { acronym } })).id;
}
