/**
 * The search column and its GIN index through the drift reader (tests/support/schema-model.ts): the
 * Unsupported("tsvector") field, which Prisma's DMMF leaves out, is read and compared, and drift in it is
 * reported. (The triggers that maintain the vector are not compared by the drift test; their behaviour is
 * tested in archive-search.test.ts.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diffSchemaModels, expectedModel, readActualModel } from "../support/schema-model";
import { createTestDatabase } from "../support/test-database";

const schemaText = readFileSync(path.resolve(process.cwd(), "prisma/schema.prisma"), "utf8");
const expected = expectedModel(schemaText);

describe("search vector in the schema model", () => {
  it('reads Unsupported("tsvector") and the GIN index from schema.prisma', () => {
    expect(expected.tables.Statement?.columns.searchVector).toEqual({
      type: "tsvector",
      nullable: true,
      default: null,
    });
    expect(expected.tables.Statement?.indexes.Statement_searchVector_idx).toEqual({
      columns: ["searchVector"],
      unique: false,
      method: "gin",
      where: null,
    });
  });

  it("refuses Unsupported() forms it does not map", () => {
    const model = (field: string) =>
      `datasource db {\n  provider = "postgresql"\n}\nmodel T {\n  id Int @id\n  ${field}\n}\n`;
    expect(expectedModel(model(`v Unsupported("tsvector")`)).tables.T?.columns.v).toEqual({
      type: "tsvector",
      nullable: false,
      default: null,
    });
    expect(() => expectedModel(model(`v Unsupported("tsvector")? @map("vec")`))).toThrow(/Unsupported\(\) field/);
    expect(() => expectedModel(model(`v Unsupported("tsvector")[]`))).toThrow(/Unsupported\(\) field/);
  });

  it("reports drift in the column and the index", async () => {
    const drifted = await createTestDatabase();
    try {
      for (const statement of [
        // (its column list pins the column's type; triggers are not compared, so dropping it is no drift)
        `DROP TRIGGER "Statement_searchVector_refresh" ON "Statement"`,
        `DROP INDEX "Statement_searchVector_idx"`,
        `CREATE INDEX "Statement_searchVector_idx" ON "Statement"("searchVector")`,
        `ALTER TABLE "Statement" ALTER COLUMN "searchVector" TYPE TEXT`,
      ]) {
        await drifted.sql.exec(statement);
      }
      const diff = diffSchemaModels(expected, await readActualModel(drifted.sql));
      expect([...diff].sort()).toEqual(
        [
          `method mismatch index Statement.Statement_searchVector_idx: expected gin got btree`,
          `type mismatch column Statement.searchVector: expected tsvector got text`,
        ].sort(),
      );
      await drifted.sql.exec(`ALTER TABLE "Statement" DROP COLUMN "searchVector"`);
      expect(diffSchemaModels(expected, await readActualModel(drifted.sql))).toEqual([
        "missing column Statement.searchVector",
        "missing index Statement.Statement_searchVector_idx",
      ]);
    } finally {
      await drifted.close();
    }
  });
});
