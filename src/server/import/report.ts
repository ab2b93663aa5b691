import "server-only";
import type { InputProblem } from "./source";

/** Per resource: how many objects were read, and what became of each (issue 17: the import summary). */
export interface ResourceSummary {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  /** rows an earlier import made that the Datatracker no longer has (so far: roles that ended there) */
  removed: number;
  /** reason → count */
  skipped: Record<string, number>;
}

export interface StatementChange {
  id: number;
  fields: string[];
}

export interface ImportReport {
  dryRun: boolean;
  resources: Record<string, ResourceSummary>;
  /** objects that failed validation or mapping: file, resource URI, field */
  problems: InputProblem[];
  /** statements updated from a newer snapshot, with the fields that changed */
  changes: StatementChange[];
  /** statements the Datatracker changed but that were edited here since the import: left as they are */
  conflicts: StatementChange[];
  /** Datatracker objects with no counterpart here that the import could not attach (e.g. an unknown group) */
  warnings: string[];
}

export function emptyReport(dryRun: boolean): ImportReport {
  return { dryRun, resources: {}, problems: [], changes: [], conflicts: [], warnings: [] };
}

export function summaryOf(report: ImportReport, resource: string): ResourceSummary {
  report.resources[resource] ??= { read: 0, created: 0, updated: 0, removed: 0, unchanged: 0, skipped: {} };
  return report.resources[resource];
}

export function skip(summary: ResourceSummary, reason: string) {
  summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1;
}

/** Did this run change anything (created, updated or removed a row)? */
export function hasChanges(report: ImportReport): boolean {
  return Object.values(report.resources).some((r) => r.created > 0 || r.updated > 0 || r.removed > 0);
}

/** The summary as printed and as written to the audit log: one line per resource. */
export function formatSummary(report: ImportReport): string[] {
  const lines = Object.entries(report.resources).map(([resource, r]) => {
    const skipped = Object.values(r.skipped).reduce((a, b) => a + b, 0);
    const reasons = Object.entries(r.skipped)
      .map(([reason, n]) => `${n}× ${reason}`)
      .join("; ");
    return `${resource}: read ${r.read}, created ${r.created}, updated ${r.updated}${r.removed ? `, removed ${r.removed}` : ""}, unchanged ${r.unchanged}, skipped ${skipped}${reasons ? ` (${reasons})` : ""}`;
  });
  if (report.conflicts.length)
    lines.push(
      `conflicts (edited here since the import, not overwritten): ${report.conflicts.map((c) => `${c.id} [${c.fields.join(", ")}]`).join("; ")}`,
    );
  if (report.changes.length)
    lines.push(`updated statements: ${report.changes.map((c) => `${c.id} [${c.fields.join(", ")}]`).join("; ")}`);
  return lines;
}
