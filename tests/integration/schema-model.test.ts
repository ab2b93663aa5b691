/**
 * The drift reader (tests/support/schema-model.ts) on Prisma features schema.prisma does not use yet, so the
 * first migration that needs them meets a tested mapping. FIXTURE_SQL is what Prisma Migrate generates for
 * FIXTURE_SCHEMA (same spelling as prisma/migrations/*); the two must compare equal on a blank database.
 */
import { describe, expect, it } from "vitest";
import { constraintName, diffSchemaModels, expectedModel, readActualModel } from "../support/schema-model";
import { createTestDatabase } from "../support/test-database";

const FIXTURE_SCHEMA = `
datasource db {
  provider = "postgresql"
}

enum Color {
  red   @map("RED")
  green
  @@map("colour")
}

model Widget {
  id       BigInt   @id @default(autoincrement())
  code     String   @unique(map: "widget_code_uq") @map("widget_code") @db.VarChar(20)
  weight   Float    @default(1.5)
  offset   Int      @default(-2)
  price    Decimal? @db.Decimal(10, 2)
  colour   Color    @default(red)
  colours  Color[]  @default([red, green])
  tags     String[] @default(["a", "b'c"])
  meta     Json     @default("{}")
  token    String   @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  ref      String   @default(uuid())
  at       DateTime @default(now())
  ownerA   Int
  ownerB   Int
  owner    Owner    @relation(fields: [ownerA, ownerB], references: [a, b], onUpdate: NoAction)
  parentId BigInt?
  parent   Widget?  @relation("tree", fields: [parentId], references: [id])
  children Widget[] @relation("tree")

  @@unique([ownerA, code])
  @@index([weight], type: Hash)
  @@index([ownerA(sort: Desc), ownerB], map: "widget_owner")
  @@map("widgets")
}

model Owner {
  a       Int
  b       Int
  widgets Widget[]

  @@id([a, b], map: "owner_pk")
}
`;

const FIXTURE_SQL = `
CREATE TYPE "colour" AS ENUM ('RED', 'green');
CREATE TABLE "widgets" (
    "id" BIGSERIAL NOT NULL,
    "widget_code" VARCHAR(20) NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "offset" INTEGER NOT NULL DEFAULT -2,
    "price" DECIMAL(10,2),
    "colour" "colour" NOT NULL DEFAULT 'RED',
    "colours" "colour"[] DEFAULT ARRAY['RED', 'green']::"colour"[],
    "tags" TEXT[] DEFAULT ARRAY['a', 'b''c']::TEXT[],
    "meta" JSONB NOT NULL DEFAULT '{}',
    "token" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ref" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ownerA" INTEGER NOT NULL,
    "ownerB" INTEGER NOT NULL,
    "parentId" BIGINT,
    CONSTRAINT "widgets_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "Owner" (
    "a" INTEGER NOT NULL,
    "b" INTEGER NOT NULL,
    CONSTRAINT "owner_pk" PRIMARY KEY ("a","b")
);
CREATE UNIQUE INDEX "widget_code_uq" ON "widgets"("widget_code");
CREATE UNIQUE INDEX "widgets_ownerA_widget_code_key" ON "widgets"("ownerA", "widget_code");
CREATE INDEX "widgets_weight_idx" ON "widgets" USING HASH ("weight");
CREATE INDEX "widget_owner" ON "widgets"("ownerA" DESC, "ownerB");
ALTER TABLE "widgets" ADD CONSTRAINT "widgets_ownerA_ownerB_fkey" FOREIGN KEY ("ownerA", "ownerB") REFERENCES "Owner"("a", "b") ON DELETE RESTRICT ON UPDATE NO ACTION;
ALTER TABLE "widgets" ADD CONSTRAINT "widgets_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "widgets"("id") ON DELETE SET NULL ON UPDATE CASCADE;
`;

describe("schema model reader", () => {
  it("maps @map names, native types, defaults, index options and composite keys like Prisma Migrate", async () => {
    const expected = expectedModel(FIXTURE_SCHEMA);
    expect(expected.enums).toEqual({ colour: ["RED", "green"] });
    expect(expected.tables.widgets?.columns).toMatchObject({
      id: { type: "bigint", default: "autoincrement()" },
      widget_code: { type: "character varying(20)", nullable: false },
      offset: { default: "-2" },
      price: { type: "numeric(10,2)", nullable: true },
      colours: { type: "colour[]", nullable: true, default: "ARRAY['RED', 'green']" },
      token: { type: "uuid", default: "gen_random_uuid()" },
      ref: { default: null },
      at: { type: "timestamp(3) without time zone", default: "now()" },
    });
    expect(expected.tables.Owner?.primaryKey).toEqual({ name: "owner_pk", columns: ["a", "b"] });

    const db = await createTestDatabase({ migrated: false });
    try {
      await db.sql.exec(FIXTURE_SQL);
      const actual = await readActualModel(db.sql);
      expect(diffSchemaModels(expected, actual)).toEqual([]);
      expect(actual).toEqual(expected);
    } finally {
      await db.close();
    }
  });

  it("truncates generated names to PostgreSQL's 63 characters, keeping the suffix", () => {
    const name = constraintName("T".repeat(40), ["c".repeat(30)], "idx");
    expect(name).toHaveLength(63);
    expect(name.endsWith("c_idx")).toBe(true);
    expect(constraintName("Mail", ["state", "nextAttemptAt"], "idx")).toBe("Mail_state_nextAttemptAt_idx");
  });

  it("refuses what the DMMF cannot tell it rather than guessing", () => {
    const withRelationMap = FIXTURE_SCHEMA.replace("onUpdate: NoAction)", `onUpdate: NoAction, map: "custom_fk")`);
    expect(() => expectedModel(withRelationMap)).toThrow(/@relation\(map:\) is not supported/);
    // dbgenerated() without an expression means "the database has some default": nothing to compare against
    const withOpaqueDefault = FIXTURE_SCHEMA.replace("@default(1.5)", "@default(dbgenerated())");
    expect(() => expectedModel(withOpaqueDefault)).toThrow(/unsupported default function dbgenerated\(\) on weight/);
  });
});
