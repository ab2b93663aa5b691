#!/usr/bin/env node
// The layer rule (docs/decisions/027-layer-rule.md), checked in `npm test`:
//   src/components  no Prisma or database driver; from src/server only `import type` (the shapes pages hand in); nothing of src/app
//   src/app         from src/server anything but the data-access internals (INTERNALS below); no Prisma client or driver
//   src/actions     the same as src/app (adapters: parse, call one use-case, map the result), and no src/components
//                   or src/app; for now they may still open statements/transaction.ts's inTransaction
//   src/server      nothing of src/components, src/app or src/actions
//   src/lib         nothing of src/server, src/app, src/components or src/actions; no Prisma client or driver
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
  /^src\/server\/statements\/transaction$/,
  /^src\/server\/statements\/state-change$/,
  /^src\/server\/mail\/(outbox|transport|deliver)$/,
];

const under = (dir) => (target) => target === dir || target.startsWith(`${dir}/`);

/** layer → list of [test(target, isTypeOnly), message] */
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
    // Actions still open the transaction for their use-case (issue 14, "use-cases own their work", not done yet):
    // statements/transaction.ts is the one internal they may use until then.
    [
      (t) => INTERNALS.some((p) => p.test(t)) && t !== "src/server/statements/transaction",
      "an action calls a use-case; it must not reach into src/server's data-access internals",
    ],
    [under("src/components"), "an action must not import src/components"],
    [under("src/app"), "an action must not import src/app"],
  ],
  "src/server": [
    [under("src/components"), "src/server must not import src/components (move the type into src/server)"],
    [under("src/app"), "src/server must not import src/app"],
    [under("src/actions"), "src/server must not import src/actions"],
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
  const layer = Object.keys(RULES).find((l) => under(l)(file));
  if (!layer) return [];
  const problems = [];
  for (const { spec, typeOnly } of importsOf(text)) {
    const target = resolveImport(file, spec);
    for (const [test, message] of RULES[layer]) {
      if (test(target, typeOnly)) problems.push(`${file}: imports "${spec}": ${message}`);
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

export function checkTree(root) {
  return sources(root, "src").flatMap((file) => checkFile(file, readFileSync(path.join(root, file), "utf8")));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
  const problems = checkTree(root);
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} layer violation(s).` : "Layers: no violation.");
  process.exit(problems.length ? 1 : 0);
}
