import { PURPOSE_LABELS } from "@/lib/labels";
import type { FilterOrganizationOption } from "@/server/archive/filter-options";
import type { ArchiveFilters } from "@/server/archive/filters";

const control =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600";
const labelClass = "block text-sm font-medium text-slate-800";

function GroupSelect({
  name,
  label,
  value,
  organizations,
}: {
  name: "from" | "to";
  label: string;
  value: string | undefined;
  organizations: FilterOrganizationOption[];
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className={labelClass}>
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={control}>
        <option value="">Any group</option>
        {organizations.map((org) => (
          <optgroup key={org.acronym} label={org.name}>
            <option value={org.acronym}>{`${org.acronym.toUpperCase()} — all groups`}</option>
            {org.groups.map((g) => (
              <option key={g.acronym} value={g.acronym}>
                {`${"\u00a0\u00a0".repeat(g.depth + 1)}${g.acronym} — ${g.name}${g.isConcluded ? " (concluded)" : ""}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** Any filter besides the search words: then the folded filters start open, so the visitor sees them. */
function isFiltered(filters: ArchiveFilters): boolean {
  const { direction, purpose, from, to, since, until, sort, order } = filters;
  return [direction, purpose, from, to, since, until, sort, order].some((value) => value !== undefined && value !== "");
}

/**
 * The archive's filter form: a plain GET form to /statements, so it works without JavaScript and every
 * choice lands in the URL. Every control has a visible label.
 */
export function FilterForm({
  filters,
  organizations,
}: {
  filters: ArchiveFilters;
  organizations: FilterOrganizationOption[];
}) {
  return (
    <search aria-label="Filter statements">
      <form method="get" action="/statements" className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4">
        <div>
          <label htmlFor="filter-q" className={labelClass}>
            Search
          </label>
          <input
            id="filter-q"
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            maxLength={200}
            aria-describedby="filter-q-hint"
            className={control}
          />
          <p id="filter-q-hint" className="mt-1 text-xs text-slate-600">
            Titles, other identifiers (e.g. S2-2405678), attachment titles, contacts, text and the text inside
            attachments. Use "quotes" for a phrase and -word to leave a word out.
          </p>
        </div>
        <details className="filters-disclosure" open={isFiltered(filters) || undefined}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">
            Filters{isFiltered(filters) ? " (in use)" : ""}
          </summary>
          <div className="mt-3 grid gap-4 sm:mt-0 sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <label htmlFor="filter-direction" className={labelClass}>
                Direction
              </label>
              <select id="filter-direction" name="direction" defaultValue={filters.direction ?? ""} className={control}>
                <option value="">Incoming and outgoing</option>
                <option value="incoming">Incoming</option>
                <option value="outgoing">Outgoing</option>
              </select>
            </div>
            <div>
              <label htmlFor="filter-purpose" className={labelClass}>
                Purpose
              </label>
              <select id="filter-purpose" name="purpose" defaultValue={filters.purpose ?? ""} className={control}>
                <option value="">Any purpose</option>
                {(["information", "action", "response", "comment"] as const).map((p) => (
                  <option key={p} value={p}>
                    {PURPOSE_LABELS[p]}
                  </option>
                ))}
              </select>
            </div>
            <GroupSelect name="from" label="From" value={filters.from} organizations={organizations} />
            <GroupSelect name="to" label="To" value={filters.to} organizations={organizations} />
            <div>
              <label htmlFor="filter-since" className={labelClass}>
                Posted on or after
              </label>
              <input
                id="filter-since"
                type="date"
                name="since"
                defaultValue={filters.since ?? ""}
                className={control}
              />
            </div>
            <div>
              <label htmlFor="filter-until" className={labelClass}>
                Posted on or before
              </label>
              <input
                id="filter-until"
                type="date"
                name="until"
                defaultValue={filters.until ?? ""}
                className={control}
              />
            </div>
            <div>
              <label htmlFor="filter-sort" className={labelClass}>
                Sort by
              </label>
              <select id="filter-sort" name="sort" defaultValue={filters.sort ?? ""} className={control}>
                <option value="">Best match, else newest</option>
                <option value="date">Date posted</option>
                <option value="deadline">Deadline</option>
                <option value="title">Title</option>
                <option value="from">From</option>
                <option value="to">To</option>
              </select>
            </div>
            <div>
              <label htmlFor="filter-order" className={labelClass}>
                Order
              </label>
              <select id="filter-order" name="order" defaultValue={filters.order ?? ""} className={control}>
                <option value="">Usual for the column</option>
                <option value="asc">Ascending</option>
                <option value="desc">Descending</option>
              </select>
            </div>
          </div>
        </details>
        <div className="flex flex-wrap items-center gap-4">
          <div className="flex items-center gap-2">
            <input
              id="filter-action-needed"
              type="checkbox"
              name="actionNeeded"
              value="true"
              defaultChecked={filters.actionNeeded === true}
              className="h-4 w-4 rounded border-slate-300"
            />
            <label htmlFor="filter-action-needed" className="text-sm font-medium text-slate-800">
              Action needed
            </label>
          </div>
          <button
            type="submit"
            className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
          >
            Apply filters
          </button>
          <a href="/statements" className="text-sm">
            Clear all
          </a>
        </div>
      </form>
    </search>
  );
}
