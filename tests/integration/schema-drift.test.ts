/**
 * Schema drift: the database built by prisma/migrations must be exactly what prisma/schema.prisma describes.
 * This stands in for `prisma migrate diff`, whose schema engine cannot run here (docs/decisions/002), so a
 * forgotten or wrong hand-written migration fails CI. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/connection";
import {
  diffSchemaModels,
  expectedModel,
  normalizeDefault,
  readActualModel,
  type SchemaModel,
} from "../support/schema-model";
import { createTestDatabase } from "../support/test-database";

const SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema.prisma");
const expected = expectedModel(readFileSync(SCHEMA_PATH, "utf8"));

describe("schema drift", () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("the migrated database matches schema.prisma", async () => {
    const actual = await readActualModel(db.sql);
    const diff = diffSchemaModels(expected, actual);
    expect(diff, `schema.prisma and prisma/migrations disagree:\n  ${diff.join("\n  ")}\n`).toEqual([]);
    // Belt and braces: the diff lists what it knows to compare; the models must also be structurally equal.
    expect(actual).toEqual(expected);
  });

  it("reports every kind of drift it is meant to catch", async () => {
    const drifted = await createTestDatabase();
    try {
      // One statement per call: ALTER TYPE ... ADD VALUE must not share a transaction with later use.
      for (const statement of [
        `ALTER TABLE "Statement" ADD COLUMN "foo" INTEGER`,
        `ALTER TABLE "Statement" ALTER COLUMN "title" DROP NOT NULL`,
        `ALTER TABLE "Statement" ALTER COLUMN "state" SET DEFAULT 'pending'`,
        `ALTER TABLE "Mail" ALTER COLUMN "subject" TYPE TEXT`,
        `ALTER TABLE "Mail" ALTER COLUMN "to" SET NOT NULL`,
        `DROP INDEX "Statement_state_postedAt_idx"`,
        `DROP INDEX "AuditLog_createdAt_idx"`,
        `CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt")`,
        `DROP INDEX "Mail_dedupeKey_key"`,
        `CREATE INDEX "Mail_dedupeKey_key" ON "Mail"("dedupeKey")`,
        `ALTER TYPE "Purpose" ADD VALUE 'other'`,
        `ALTER TABLE "Approval" DROP CONSTRAINT "Approval_approverId_fkey"`,
        `ALTER TABLE "Statement" DROP CONSTRAINT "Statement_assigneeId_fkey"`,
        `ALTER TABLE "Statement" ADD CONSTRAINT "Statement_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
        `ALTER TABLE "VerificationToken" ADD CONSTRAINT "VerificationToken_pkey" PRIMARY KEY ("token")`,
        `DROP TABLE "SignInAttempt"`,
        `CREATE TYPE "Unused" AS ENUM ('x')`,
      ]) {
        await drifted.sql.exec(statement);
      }
      const diff = diffSchemaModels(expected, await readActualModel(drifted.sql));
      expect([...diff].sort()).toEqual(
        [
          `unexpected column Statement.foo`,
          `nullable mismatch column Statement.title: expected false got true`,
          `default mismatch column Statement.state: expected 'draft' got 'pending'`,
          `type mismatch column Mail.subject: expected character varying(998) got text`,
          `nullable mismatch column Mail.to: expected true got false`,
          `missing index Statement.Statement_state_postedAt_idx`,
          `columns mismatch index AuditLog.AuditLog_createdAt_idx: expected ["createdAt DESC"] got ["createdAt"]`,
          `unique mismatch index Mail.Mail_dedupeKey_key: expected true got false`,
          `values mismatch enum Purpose: expected ["information","action","response","comment"] got ["information","action","response","comment","other"]`,
          `missing foreign key Approval.Approval_approverId_fkey`,
          `onDelete mismatch foreign key Statement.Statement_assigneeId_fkey: expected SET NULL got CASCADE`,
          `primary key mismatch VerificationToken: expected null got {"name":"VerificationToken_pkey","columns":["token"]}`,
          `missing table SignInAttempt`,
          `unexpected enum Unused`,
        ].sort(),
      );
    } finally {
      await drifted.close();
    }
  });
});

describe("expected model read from schema.prisma", () => {
  const tables = (m: SchemaModel) => Object.keys(m.tables);

  it("covers every model with its columns, keys, indexes and enums", () => {
    const modelCount = [...readFileSync(SCHEMA_PATH, "utf8").matchAll(/^model \w+ \{/gm)].length;
    expect(tables(expected)).toHaveLength(modelCount);
    expect(expected.enums.Purpose).toEqual(["information", "action", "response", "comment"]);
    const statement = expected.tables.Statement;
    expect(statement?.primaryKey).toEqual({ name: "Statement_pkey", columns: ["id"] });
    expect(statement?.columns).toMatchObject({
      id: { type: "integer", nullable: false, default: "autoincrement()" },
      title: { type: "character varying(255)", nullable: false, default: null },
      state: { type: "StatementState", nullable: false, default: "'draft'" },
      deadline: { type: "date", nullable: true, default: null },
      body: { type: "text", nullable: false, default: "''" },
      fromContact: { type: "text[]", nullable: true, default: "ARRAY[]" },
      createdAt: { type: "timestamp(3) with time zone", nullable: false, default: "now()" },
      updatedAt: { type: "timestamp(3) with time zone", nullable: false, default: null },
      sendAcknowledgement: { type: "boolean", nullable: false, default: "true" },
      version: { type: "integer", nullable: false, default: "1" },
    });
    expect(statement?.indexes.Statement_state_postedAt_idx).toEqual({
      columns: ["state", "postedAt DESC"],
      unique: false,
      method: "btree",
      where: null,
    });
    expect(statement?.foreignKeys).toEqual({
      Statement_submitterId_fkey: {
        columns: ["submitterId"],
        referencedTable: "Person",
        referencedColumns: ["id"],
        onDelete: "RESTRICT",
        onUpdate: "CASCADE",
      },
      Statement_assigneeId_fkey: {
        columns: ["assigneeId"],
        referencedTable: "Person",
        referencedColumns: ["id"],
        onDelete: "SET NULL",
        onUpdate: "CASCADE",
      },
    });
    expect(expected.tables.Attachment?.columns.sha256?.type).toBe("character(64)");
    // ADR 012: the bytes are not in the metadata row; in PostgreSQL they are chunks of their own.
    expect(expected.tables.Attachment?.columns.content).toBeUndefined();
    expect(expected.tables.AttachmentChunk?.columns.data?.type).toBe("bytea");
    expect(expected.tables.StatementEvent?.columns.data).toEqual({ type: "jsonb", nullable: true, default: null });
    expect(expected.tables.StatementGroup?.primaryKey).toEqual({
      name: "StatementGroup_pkey",
      columns: ["statementId", "side", "groupId"],
    });
    expect(expected.tables.Approval?.indexes.Approval_statementId_groupId_key?.unique).toBe(true);
    expect(expected.tables.VerificationToken?.primaryKey).toBeNull();
  });

  it("normalizes default expressions the way PostgreSQL prints them", () => {
    expect(normalizeDefault(`nextval('"Statement_id_seq"'::regclass)`)).toBe("autoincrement()");
    expect(normalizeDefault("CURRENT_TIMESTAMP")).toBe("now()");
    expect(normalizeDefault(`'draft'::"test_1"."StatementState"`)).toBe("'draft'");
    expect(normalizeDefault("ARRAY[]::text[]")).toBe("ARRAY[]");
    expect(normalizeDefault(`ARRAY['a'::character varying, 'b''c'::character varying]`)).toBe(`ARRAY['a', 'b''c']`);
    expect(normalizeDefault("'-1'::integer")).toBe("-1");
    expect(normalizeDefault("'[]'::jsonb")).toBe("'[]'");
    expect(normalizeDefault(null)).toBeNull();
  });
});
