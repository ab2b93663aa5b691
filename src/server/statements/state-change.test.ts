import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * docs/domain.md "States": a statement's state is written only by state-change.ts's changeState, from the
 * lifecycle table. This scan finds any other statement update whose `data` names `state` (the importer, which
 * mirrors the Datatracker's record, and the seed, which creates rows, are not transitions).
 */
const SERVER = path.resolve(import.meta.dirname, "..");
const EXEMPT = ["import/", "seed/", "statements/state-change.ts"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [file] : [];
  });
}

/** The text of the balanced `{ … }` starting at `open`. */
function block(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

/** Every `statement.update/updateMany/upsert({ … data: { … } })` whose data sets `state`. */
function stateWrites(text: string): string[] {
  const found: string[] = [];
  for (const call of text.matchAll(/\.statement\.(update|updateMany|upsert)\(\s*\{/g)) {
    const args = block(text, (call.index ?? 0) + call[0].length - 1);
    for (const data of args.matchAll(/\b(data|update|create):\s*\{/g)) {
      const body = block(args, (data.index ?? 0) + data[0].length - 1);
      if (/[{,\s]state\s*[:,}]/.test(body.slice(1))) found.push(body.replace(/\s+/g, " ").slice(0, 80));
    }
  }
  return found;
}

describe("one source of truth for a statement's state", () => {
  it("recognises a hand-written state change (the scan can fail)", () => {
    expect(
      stateWrites(`await tx.statement.updateMany({ where: { id }, data: { state: "posted", postedAt: now } });`),
    ).toHaveLength(1);
    expect(stateWrites(`await tx.statement.update({ where: { id, state: "posted" }, data: { assigneeId } });`)).toEqual(
      [],
    );
  });

  it("no file under src/server writes a statement's state except state-change.ts", () => {
    const offenders = sources(SERVER)
      .filter((f) => !EXEMPT.some((e) => path.relative(SERVER, f).startsWith(e)))
      .flatMap((f) => stateWrites(readFileSync(f, "utf8")).map((w) => `${path.relative(SERVER, f)}: ${w}`));
    expect(offenders).toEqual([]);
  });
});
