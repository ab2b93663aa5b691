import "server-only";
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { envelopeSchema } from "./datatracker-schema";

/**
 * A directory source in the contract layout `<dir>/<app>/<resource>/<page>.json` (issue 17): each file is
 * the whole tastypie `{"meta", "objects"}` envelope, pages counted from 0; a resource without a folder is
 * absent. Pages are read one at a time, so memory stays bounded by one page (≤ 1000 objects).
 */

/** One object that could not be used: which file, which object, which field, and why. */
export interface InputProblem {
  file: string;
  /** the object's `resource_uri`, or `objects[<i>]` when it has none */
  uri: string;
  field: string;
  message: string;
}

export class InputError extends Error {
  constructor(readonly problem: InputProblem) {
    super(describeProblem(problem));
  }
}

export function describeProblem(p: InputProblem): string {
  return `${p.file}: ${p.uri}: ${p.field ? `field "${p.field}"` : "object"}: ${p.message}`;
}

/** The page files of one resource, in page order (0.json, 1.json, …, 10.json); [] when the folder is absent. */
export function pageFiles(dir: string, resource: string): string[] {
  const folder = path.join(dir, ...resource.split("/"));
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /^(0|[1-9][0-9]*)\.json$/.test(name))
    .map((name) => ({ name, page: Number(name.slice(0, -5)) }))
    .sort((a, b) => a.page - b.page)
    .map(({ name }) => path.join(folder, name));
}

export interface ReadOptions {
  /** stop at the first bad object (`--strict`) instead of reporting and skipping it */
  strict: boolean;
  onProblem(problem: InputProblem): void;
}

/**
 * Yields one page at a time: the valid objects of that page, in order. A file that is not JSON or not an
 * envelope is one problem (its objects are skipped); a bad object is one problem naming its field.
 */
export async function* readResource<S extends z.ZodType>(
  dir: string,
  resource: string,
  schema: S,
  options: ReadOptions,
): AsyncGenerator<{ file: string; objects: z.infer<S>[] }> {
  for (const file of pageFiles(dir, resource)) {
    const shown = path.relative(dir, file) || file;
    const report = (problem: InputProblem) => {
      if (options.strict) throw new InputError(problem);
      options.onProblem(problem);
    };
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      report({ file: shown, uri: "(file)", field: "", message: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) {
      const issue = envelope.error.issues[0];
      report({
        file: shown,
        uri: "(envelope)",
        field: issue?.path.join(".") ?? "",
        message: `not a tastypie list page {"meta", "objects"}: ${issue?.message ?? "invalid"}`,
      });
      continue;
    }
    const objects: z.infer<S>[] = [];
    envelope.data.objects.forEach((object, index) => {
      const parsed = schema.safeParse(object);
      if (parsed.success) {
        objects.push(parsed.data);
        return;
      }
      const uriValue = (object as { resource_uri?: unknown } | null)?.resource_uri;
      const uri = typeof uriValue === "string" ? uriValue : `objects[${index}]`;
      for (const issue of parsed.error.issues.slice(0, 1)) {
        report({ file: shown, uri, field: issue.path.join(".") || "", message: issue.message });
      }
    });
    yield { file: shown, objects };
  }
}
