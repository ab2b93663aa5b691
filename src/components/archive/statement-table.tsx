import { DataTable } from "@/components/data-table";
import { DateText, DeadlineText } from "@/components/date-text";
import { GroupNames } from "@/components/group-names";
import { hasMatch } from "@/lib/highlight";
import { PURPOSE_LABELS } from "@/lib/labels";
import { statementHrefFromList } from "@/lib/statement-href";
import type { SortKey, SortOrder } from "@/server/archive/filters";
import type { ArchiveListItem } from "@/server/archive/search";
import { Highlighted } from "./highlighted";

export type SortableColumn = Exclude<SortKey, "relevance">;

const COLUMNS: { key: SortableColumn; label: string }[] = [
  { key: "date", label: "Posted" },
  { key: "from", label: "From" },
  { key: "to", label: "To" },
  { key: "title", label: "Title" },
];

const cell = "px-3 py-2 align-top";

function SortHeader({
  label,
  column,
  sort,
  order,
  href,
}: {
  label: string;
  column: SortableColumn;
  sort: SortKey;
  order: SortOrder;
  href: string;
}) {
  const isActive = sort === column;
  return (
    <th
      scope="col"
      aria-sort={isActive ? (order === "asc" ? "ascending" : "descending") : undefined}
      className="px-3 py-2 font-medium whitespace-nowrap"
    >
      <a href={href} className="text-slate-800">
        {label}
        <span aria-hidden="true" className="ml-1 text-slate-500">
          {isActive ? (order === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </a>
    </th>
  );
}

/**
 * The archive's result table. Column headers are sort links (aria-sort on the active one); when searching,
 * titles and a snippet show the matched words highlighted.
 */
export function StatementTable({
  items,
  sort,
  order,
  sortHref,
  caption,
  listQuery = "",
}: {
  items: ArchiveListItem[];
  sort: SortKey;
  order: SortOrder;
  sortHref: Record<SortableColumn, string>;
  caption: string;
  /** this list's query string ("" for the plain list): statement links carry it for "Back to results" */
  listQuery?: string;
}) {
  const today = new Date();
  const header = (key: SortableColumn, label: string) => (
    <SortHeader key={key} label={label} column={key} sort={sort} order={order} href={sortHref[key]} />
  );
  return (
    <DataTable
      caption={caption}
      labels={["Posted", "From", "To", "Title", "Purpose", "Deadline"]}
      lead={3}
      headerCells={
        <>
          {COLUMNS.map((c) => header(c.key, c.label))}
          <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
            Purpose
          </th>
          {header("deadline", "Deadline")}
        </>
      }
    >
      {items.map((s) => (
        <tr key={s.id}>
          <td className={`${cell} whitespace-nowrap`}>
            <DateText date={s.postedAt} />
          </td>
          <td className={cell}>
            <GroupNames groups={s.from} />
          </td>
          <td className={cell}>
            <GroupNames groups={s.to} />
          </td>
          <td className={`${cell} sm:min-w-64`}>
            <a href={statementHrefFromList(s.id, listQuery)} className="font-medium">
              {s.highlights ? <Highlighted segments={s.highlights.title} /> : s.title}
            </a>
            {s.state === "withdrawn" ? (
              <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-800">withdrawn</span>
            ) : null}
            <div className="text-xs text-slate-600">{s.direction === "incoming" ? "Incoming" : "Outgoing"}</div>
            {s.highlights && hasMatch(s.highlights.identifiers) ? (
              <p className="mt-1 text-xs text-slate-700">
                Other identifiers: <Highlighted segments={s.highlights.identifiers} />
              </p>
            ) : null}
            {s.highlights && s.highlights.snippet.length > 0 && hasMatch(s.highlights.snippet) ? (
              <p className="mt-1 text-xs text-slate-700">
                <Highlighted segments={s.highlights.snippet} />
              </p>
            ) : null}
            {s.highlights?.attachment && hasMatch(s.highlights.attachment.snippet) ? (
              <p className="mt-1 text-xs text-slate-700 [overflow-wrap:anywhere]">
                in <span className="font-medium">{s.highlights.attachment.fileName}</span>:{" "}
                <Highlighted segments={s.highlights.attachment.snippet} />
              </p>
            ) : null}
          </td>
          <td className={cell}>{PURPOSE_LABELS[s.purpose]}</td>
          <td className={`${cell} whitespace-nowrap`}>
            <DeadlineText date={s.deadline} isOpen={s.actionStatus === "needed"} today={today} />
            {s.actionStatus === "needed" ? (
              <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">action needed</span>
            ) : null}
            {s.actionStatus === "taken" ? (
              <span className="ml-1 rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-900">action taken</span>
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
