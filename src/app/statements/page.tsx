import type { Metadata } from "next";
import { connection } from "next/server";
import { FilterForm } from "@/components/archive/filter-form";
import { Pagination } from "@/components/archive/pagination";
import { type SortableColumn, StatementTable } from "@/components/archive/statement-table";
import { env } from "@/env";
import { archiveFilterOptions } from "@/server/archive/filter-options";
import {
  type ArchiveFilters,
  archiveQueryString,
  defaultOrder,
  effectiveSort,
  parseArchiveQueryLenient,
} from "@/server/archive/filters";
import { searchStatements } from "@/server/archive/search";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FEED_PATH = "/feeds/statements.atom";

function toUrlParams(params: Awaited<SearchParams>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out.set(key, first);
  }
  return out;
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const q = toUrlParams(await searchParams)
    .get("q")
    ?.trim();
  return {
    title: q ? `Search: ${q.slice(0, 60)}` : "Statements",
    metadataBase: new URL(env().appUrl),
    alternates: { types: { "application/atom+xml": [{ url: FEED_PATH, title: "Liaison statements (Atom)" }] } },
  };
}

// The form's labels, to name an ignored parameter the way the user saw it.
const PARAM_LABELS: Record<string, string> = {
  q: "Search",
  direction: "Direction",
  purpose: "Purpose",
  from: "From",
  to: "To",
  since: "Posted on or after",
  until: "Posted on or before",
  actionNeeded: "Action needed",
  sort: "Sort by",
  order: "Order",
  page: "Page",
};

const href = (filters: Partial<ArchiveFilters>) => `/statements${archiveQueryString(filters)}`;

/** The public archive: posted statements, filtered, searched, sorted and paged — all in the URL, no JavaScript. */
export default async function StatementsPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const { filters, invalid } = parseArchiveQueryLenient(toUrlParams(await searchParams));
  const [result, organizations] = await Promise.all([searchStatements(filters), archiveFilterOptions()]);
  const { sort, order } = effectiveSort(filters);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  // Changing the sort starts again at page 1; clicking the active column flips its order.
  const sortHref = Object.fromEntries(
    (["date", "from", "to", "title", "deadline"] as const).map((column) => {
      const nextOrder = sort === column ? (order === "asc" ? "desc" : "asc") : defaultOrder(column);
      return [column, href({ ...filters, sort: column, order: nextOrder, page: 1 })];
    }),
  ) as Record<SortableColumn, string>;
  const invalidEntries = Object.entries(invalid);
  const one = result.total === 1 && !result.totalIsLowerBound;
  const noun = one ? "statement" : "statements";
  // A search counts its matches up to SEARCH_TOTAL_CAP (ADR 039): past it, "more than 1,000".
  const count = result.totalIsLowerBound ? `More than ${result.total.toLocaleString("en")}` : String(result.total);
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-3xl font-semibold tracking-tight">Liaison statements</h1>
        <p className="text-slate-700">
          The public record of liaison statements exchanged between the IETF/IAB and other standards bodies.{" "}
          <a href={FEED_PATH}>Atom feed</a> · <a href="/api/v1/openapi.json">JSON API</a>
        </p>
      </header>
      <FilterForm filters={filters} organizations={organizations} />
      {invalidEntries.length > 0 ? (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">Some filters were ignored:</p>
          <ul className="list-disc pl-5">
            {invalidEntries.map(([field, message]) => (
              <li key={field}>
                {PARAM_LABELS[field] ?? field}: {message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="text-slate-700" id="result-count">
        {filters.q ? (
          <>
            {count} {noun} {one ? "matches" : "match"} “{filters.q}”{sort === "relevance" ? ", best match first" : ""}.
          </>
        ) : (
          <>
            {result.total} {noun}
            {sort === "date" && order === "desc" ? ", newest first" : ""}.
          </>
        )}
      </p>
      {result.items.length > 0 ? (
        <StatementTable
          items={result.items}
          sort={sort}
          order={order}
          sortHref={sortHref}
          listQuery={archiveQueryString(filters)}
          caption={filters.q ? `Liaison statements matching “${filters.q}”` : "Posted liaison statements"}
        />
      ) : (
        <p className="rounded-md border border-slate-200 p-4 text-slate-700">
          {result.total > 0 ? "There are no statements on this page." : "No statements match these filters."}{" "}
          <a href="/statements">Show all statements</a>
        </p>
      )}
      <Pagination
        page={result.page}
        pages={result.totalIsLowerBound ? null : pages}
        hasNext={result.items.length === result.pageSize}
        hrefFor={(page) => href({ ...filters, page })}
      />
    </div>
  );
}
