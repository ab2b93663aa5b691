#!/usr/bin/env node
// The layer rule (docs/decisions/027-layer-rule.md), checked in `npm test`:
//   src/components  no Prisma or database driver; from src/server only `import type` (the shapes pages hand in); nothing of src/app
//   src/app         from src/server anything but the data-access internals (INTERNALS below); no Prisma client or driver
//   src/actions     the same as src/app (adapters: parse, call one use-case, map the result), and no src/components
//                   or src/app: a use-case opens its own transaction
//   src/server      nothing of src/components, src/app or src/actions; nothing of src/server/jobs outside it (the
//                   loops that compose mail delivery and reminders are started by the process, never imported)
//   src/server/mail nothing of src/server/statements or src/server/reminders: mail is below the use-cases that
//                   queue it, and the mail job (src/server/jobs) composes delivery with reminders
// A file answers to every layer it is under (src/server/mail/x.ts to both src/server and src/server/mail).
//   src/lib         nothing of src/server, src/app, src/components or src/actions; no Prisma client or driver
// And no import circles anywhere in src (issue 14): files that import each other, `import type` included.
// Biome's noRestrictedImports cannot tell `import type` from a value import, nor resolve relative paths into
// layers, so this small script does it. Usage: node scripts/check-layers.mjs [root]; exits 1 on a violation.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Modules no page, route, action, component or lib file may import, type or value: the database itself. */
// (`@/generated/prisma/enums` is allowed: plain string unions, no client.)
const PRISMA = [
  /^src\/generated\/prisma(\/(?!enums$).*)?$/,
  /^@prisma\//,
  /^pg$/,
  /^@electric-sql\//,
  /^pglite-prisma-adapter$/,
];

/** src/server files that are data access, not use-cases or queries: what a page or action must not reach into. */
const INTERNALS = [
  /^src\/server\/db$/,
  /^src\/server\/.*\/repository$/,
  /^src\/server\/db\/transaction$/,
  /^src\/server\/statements\/state-change$/,
  /^src\/server\/mail\/(outbox|transport|deliver)$/,
];

const under = (dir) => (target) => target === dir || target.startsWith(`${dir}/`);

/** layer → list of [test(target, isTypeOnly, file), message] */
const RULES = {
  "src/components": [
    [(t) => PRISMA.some((p) => p.test(t)), "a component must not import Prisma or a database driver"],
    [
      (t, typeOnly) => under("src/server")(t) && !typeOnly,
      "a component may import only types from src/server (pages pass it the data)",
    ],
    [under("src/app"), "a component must not import src/app"],
  ],
  "src/app": [
    [(t) => PRISMA.some((p) => p.test(t)), "a page or route must not import Prisma or a database driver"],
    [
      (t) => INTERNALS.some((p) => p.test(t)),
      "a page or route may use src/server's use-cases and queries, not its data-access internals",
    ],
  ],
  "src/actions": [
    [(t) => PRISMA.some((p) => p.test(t)), "an action must not import Prisma or a database driver"],
    [
      (t) => INTERNALS.some((p) => p.test(t)),
      "an action calls a use-case; it must not reach into src/server's data-access internals",
    ],
    [under("src/components"), "an action must not import src/components"],
    [under("src/app"), "an action must not import src/app"],
  ],
  "src/server": [
    [under("src/components"), "src/server must not import src/components (move the type into src/server)"],
    [under("src/app"), "src/server must not import src/app"],
    [under("src/actions"), "src/server must not import src/actions"],
    [
      (t, _typeOnly, file) => under("src/server/jobs")(t) && !under("src/server/jobs")(file),
      "jobs are started by the process (instrumentation.ts, scripts/worker.ts), not imported by src/server",
    ],
  ],
  "src/server/mail": [
    [under("src/server/statements"), "mail/ is below the statement use-cases: they hand it the mail to queue"],
    [under("src/server/reminders"), "mail/ is below reminders: src/server/jobs composes delivery and reminders"],
  ],
  "src/lib": [
    [(t) => PRISMA.some((p) => p.test(t)), "src/lib must not import Prisma or a database driver"],
    [under("src/server"), "src/lib must not import src/server"],
    [under("src/app"), "src/lib must not import src/app"],
    [under("src/components"), "src/lib must not import src/components"],
    [under("src/actions"), "src/lib must not import src/actions"],
  ],
};

const IMPORT =
  /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([\w*{}\s,$]*?)\s*from\s*["']([^"']+)["']|(?:^|[;\n])\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** Every module a source text imports, with whether the import carries only types. */
export function importsOf(text) {
  const found = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[4]) {
      const names = m[3] ?? "";
      const braces = names.match(/\{([^}]*)\}/);
      const onlyTypeNames =
        !!braces &&
        !names.replace(/\{[^}]*\}/, "").replace(/[\s,]/g, "") &&
        braces[1]
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
          .every((s) => s.startsWith("type "));
      found.push({ spec: m[4], typeOnly: !!m[2] || onlyTypeNames });
    } else found.push({ spec: m[5] ?? m[6], typeOnly: false });
  }
  return found;
}

/** The import as a repository path without extension (`@/server/db` → `src/server/db`), or the package name. */
export function resolveImport(file, spec) {
  if (spec.startsWith("@/")) return `src/${spec.slice(2)}`.replace(/\.(tsx?|mjs|js)$/, "");
  if (spec.startsWith(".")) return path.posix.join(path.posix.dirname(file), spec).replace(/\.(tsx?|mjs|js)$/, "");
  return spec;
}

/** The violations in one file (`file` relative to the repository root, with forward slashes). */
export function checkFile(file, text) {
  const rules = Object.keys(RULES)
    .filter((l) => under(l)(file))
    .flatMap((l) => RULES[l]);
  const problems = [];
  for (const { spec, typeOnly } of importsOf(text)) {
    const target = resolveImport(file, spec);
    for (const [test, message] of rules) {
      if (test(target, typeOnly, file)) problems.push(`${file}: imports "${spec}": ${message}`);
    }
  }
  return problems;
}

function sources(root, dir) {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return rel === "src/generated" ? [] : sources(root, rel);
    return /\.(tsx?|mjs)$/.test(e.name) ? [rel] : [];
  });
}

/** The src/ file an import names (`src/server/db` → `src/server/db.ts` or `src/server/db/index.ts`), else null. */
function fileOf(target, files) {
  const candidates = ["", ".ts", ".tsx", ".mjs", "/index.ts", "/index.tsx"].map((end) => `${target}${end}`);
  return candidates.find((candidate) => files.has(candidate)) ?? null;
}

/**
 * Import circles among the files (`texts`: file → source text): each strongly connected group of files that import
 * each other, directly or through others. `import type` counts: the modules still depend on each other (issue 14, "no
 * cycles"). Tarjan's algorithm; the groups and their files in a stable order.
 */
export function circlesOf(texts) {
  const files = new Set(texts.keys());
  const edges = new Map(
    [...texts].map(([file, text]) => [
      file,
      [...new Set(importsOf(text).map(({ spec }) => fileOf(resolveImport(file, spec), files)))].filter(Boolean),
    ]),
  );
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const circles = [];
  const visit = (file) => {
    index.set(file, index.size);
    low.set(file, index.get(file));
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file)) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file), low.get(next)));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file), index.get(next)));
    }
    if (low.get(file) !== index.get(file)) return;
    const group = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || edges.get(file).includes(file)) circles.push(group.sort());
  };
  for (const file of [...files].sort()) if (!index.has(file)) visit(file);
  return circles.sort((a, b) => a[0].localeCompare(b[0]));
}

export function checkTree(root) {
  const texts = new Map(sources(root, "src").map((file) => [file, readFileSync(path.join(root, file), "utf8")]));
  const layers = [...texts].flatMap(([file, text]) => checkFile(file, text));
  const circles = circlesOf(texts).map(
    (group) =>
      `import circle: ${group.join(", ")} import each other: move what they share into a module of its own that they import`,
  );
  return [...layers, ...circles];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
  const problems = checkTree(root);
  for (const p of problems) console.error(p);
  console.log(
    problems.length
      ? `${problems.length} problem(s): layer violations or import circles.`
      : "Layers: no violation, no import circle.",
  );
  process.exit(problems.length ? 1 : 0);
}
