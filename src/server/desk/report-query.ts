import "server-only";
import { z } from "zod";
import { parseIsoDate } from "@/lib/dates";
import { lastFullQuarter, type ReportPeriod } from "./report";

/**
 * The report's URL (`/desk/report?org=3gpp&from=2026-07-01&to=2026-09-30`), shared by the page, the CSV and
 * text downloads and the "Send report" form. A missing period is the last full calendar quarter.
 */
export interface ReportQuery {
  /** a relationship's acronym, or "all" */
  org: string;
  period: ReportPeriod;
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const isoDay = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .refine((v) => parseIsoDate(v) !== null, { message: "Enter a date as YYYY-MM-DD." })
    .optional(),
);

export const reportQueryShape = {
  org: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "Choose a relationship.")
      .optional(),
  ),
  from: isoDay,
  to: isoDay,
};

export const periodInOrder: [(q: { from?: string; to?: string }) => boolean, { path: string[]; message: string }] = [
  (q) => !q.from || !q.to || q.from <= q.to,
  { path: ["to"], message: "The end date must not be before the start date." },
];

export const reportQuerySchema = z.object(reportQueryShape).refine(...periodInOrder);

export type ReportQueryInput = z.infer<typeof reportQuerySchema>;

/** Fills in the defaults: the person's first relationship (or all, for staff) and the last full quarter. */
export function completeReportQuery(input: ReportQueryInput, defaultOrg: string, now: Date): ReportQuery {
  const quarter = lastFullQuarter(now);
  const from = input.from ?? (input.to && input.to < quarter.from ? input.to : quarter.from);
  const to = input.to ?? (input.from && input.from > quarter.to ? input.from : quarter.to);
  return { org: input.org ?? defaultOrg, period: { from, to } };
}

/** Strict parse of URL parameters (downloads): null and the messages when a parameter is bad. */
export function parseReportParams(
  params: URLSearchParams,
): { ok: true; input: ReportQueryInput } | { ok: false; errors: Record<string, string> } {
  const result = reportQuerySchema.safeParse({
    org: params.get("org") ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
  });
  if (result.success) return { ok: true, input: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "query")] ??= issue.message;
  return { ok: false, errors };
}

/** The query string of a report URL. */
export function reportSearch(query: ReportQuery): string {
  return `?${new URLSearchParams({ org: query.org, from: query.period.from, to: query.period.to }).toString()}`;
}
