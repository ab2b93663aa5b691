import "server-only";
import { z } from "zod";
import { parseIsoDate } from "@/lib/dates";

/**
 * The archive's query: one parser for the /statements page and the JSON API, so both accept exactly the
 * same parameters with the same meaning, and one serializer, so every state of the page is a URL.
 */

export const SORT_KEYS = ["date", "deadline", "title", "from", "to", "relevance"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = "asc" | "desc";

export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
export const MAX_QUERY_LENGTH = 200;

export interface ArchiveFilters {
  /** full-text query (websearch syntax: words, "a phrase", -excluded, or) */
  q?: string;
  direction?: "incoming" | "outgoing";
  purpose?: "information" | "action" | "response" | "comment";
  /** group acronym (the group and its sub-groups) or organization acronym (all its groups), lower case */
  from?: string;
  to?: string;
  /** posted on or after / on or before, YYYY-MM-DD (UTC calendar days) */
  since?: string;
  until?: string;
  actionNeeded?: boolean;
  sort?: SortKey;
  order?: SortOrder;
  page: number;
  pageSize: number;
}

/** The sort in effect: relevance when searching and nothing else was asked for, else newest first. */
export function effectiveSort(filters: Pick<ArchiveFilters, "q" | "sort" | "order">): {
  sort: SortKey;
  order: SortOrder;
} {
  const sort =
    filters.sort === "relevance" && !filters.q ? "date" : (filters.sort ?? (filters.q ? "relevance" : "date"));
  if (sort === "relevance") return { sort, order: "desc" };
  return { sort, order: filters.order ?? defaultOrder(sort) };
}

/** The order a column sorts in when first chosen: dates newest first, the rest ascending. */
export function defaultOrder(sort: SortKey): SortOrder {
  return sort === "date" || sort === "relevance" ? "desc" : "asc";
}

// Empty strings are what a GET form sends for an untouched field: they mean "not given".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const isoDay = z
  .string()
  .trim()
  .refine((v) => parseIsoDate(v) !== null, { message: "must be a date as YYYY-MM-DD" });

const acronym = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: "must be a group or organization acronym, like 3gpp-tsgsa-sa2" });

const positiveInt = (max: number, what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, { message: `must be ${what}` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, { message: `must be ${what}` });

const schema = z
  .object({
    q: optional(
      z
        .string()
        .trim()
        .max(MAX_QUERY_LENGTH, { message: `must be at most ${MAX_QUERY_LENGTH} characters` }),
    ),
    direction: optional(z.enum(["incoming", "outgoing"], { message: "must be incoming or outgoing" })),
    purpose: optional(
      z.enum(["information", "action", "response", "comment"], {
        message: "must be information, action, response or comment",
      }),
    ),
    from: optional(acronym),
    to: optional(acronym),
    since: optional(isoDay),
    until: optional(isoDay),
    actionNeeded: optional(
      z.enum(["true", "false"], { message: "must be true or false" }).transform((v) => v === "true"),
    ),
    sort: optional(z.enum(SORT_KEYS, { message: `must be one of ${SORT_KEYS.join(", ")}` })),
    order: optional(z.enum(["asc", "desc"], { message: "must be asc or desc" })),
    page: optional(positiveInt(1_000_000, "a page number from 1")),
    pageSize: optional(positiveInt(MAX_PAGE_SIZE, `a whole number from 1 to ${MAX_PAGE_SIZE}`)),
  })
  .refine((v) => !v.since || !v.until || v.since <= v.until, {
    path: ["until"],
    message: "must not be before since",
  });

export const FILTER_PARAMS = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

export type ParseResult = { ok: true; filters: ArchiveFilters } | { ok: false; fields: Record<string, string> };

/**
 * Strict parse (the API): any bad parameter is an error naming it. Unknown parameters are ignored; a
 * repeated parameter counts with its first value.
 */
export function parseArchiveQuery(params: URLSearchParams, options: { pageSizeFixed?: boolean } = {}): ParseResult {
  const raw = Object.fromEntries(FILTER_PARAMS.map((k) => [k, params.get(k) ?? undefined]));
  if (options.pageSizeFixed) raw.pageSize = undefined;
  const result = schema.safeParse(raw);
  if (!result.success) {
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "query");
      fields[key] ??= issue.message;
    }
    return { ok: false, fields };
  }
  const { page, pageSize, ...rest } = result.data;
  const filters: ArchiveFilters = { page: page ?? 1, pageSize: pageSize ?? PAGE_SIZE };
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined && value !== "") (filters as unknown as Record<string, unknown>)[key] = value;
  }
  return { ok: true, filters };
}

/**
 * Lenient parse (the page): bad parameters are dropped and reported, so a mistyped date shows a message
 * next to the results instead of an error page.
 */
export function parseArchiveQueryLenient(params: URLSearchParams): {
  filters: ArchiveFilters;
  invalid: Record<string, string>;
} {
  const first = parseArchiveQuery(params, { pageSizeFixed: true });
  if (first.ok) return { filters: first.filters, invalid: {} };
  const cleaned = new URLSearchParams(params);
  for (const key of Object.keys(first.fields)) cleaned.delete(key);
  const second = parseArchiveQuery(cleaned, { pageSizeFixed: true });
  return { filters: second.ok ? second.filters : { page: 1, pageSize: PAGE_SIZE }, invalid: first.fields };
}

/** The page URL's query for these filters (defaults left out), e.g. `?q=quic&sort=title&page=2`. */
export function archiveQueryString(filters: Partial<ArchiveFilters>): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string | undefined) => {
    if (value) params.set(key, value);
  };
  put("q", filters.q);
  put("direction", filters.direction);
  put("purpose", filters.purpose);
  put("from", filters.from);
  put("to", filters.to);
  put("since", filters.since);
  put("until", filters.until);
  if (filters.actionNeeded) params.set("actionNeeded", "true");
  put("sort", filters.sort);
  put("order", filters.order);
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
