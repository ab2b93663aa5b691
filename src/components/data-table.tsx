import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

export interface Column {
  label: ReactNode;
  /** keep the header on one line (dates) */
  nowrap?: boolean;
}

/**
 * Each row's cells get their column's name (`data-label`): on a phone the table is shown as stacked rows
 * (globals.css `.data-table`), each cell under its column's name, so no column is cut off or scrolled to.
 * Rows must be `<tr>` elements written out by the caller (as all tables here are).
 */
function labelCells(rows: ReactNode, labels: readonly (string | undefined)[], lead: number | undefined): ReactNode {
  return Children.map(rows, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row) || row.type !== "tr") return row;
    let column = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement(cell)) return cell;
      const index = column++;
      const label = labels[index];
      if (cell.type !== "td") return cell;
      if (index === lead) return cloneElement(cell as ReactElement<{ "data-lead"?: string }>, { "data-lead": "" });
      return label ? cloneElement(cell as ReactElement<{ "data-label"?: string }>, { "data-label": label }) : cell;
    });
    return cloneElement(row, undefined, cells);
  });
}

/**
 * A readable, phone-safe table: caption for screen readers, header row; on a phone, stacked rows with each
 * cell's column named. The header is `columns`, or `headerCells` when the header cells are richer (e.g. sort
 * links) — then `labels` names the columns for the phone layout. `lead` is the column shown first on a phone,
 * without its name (the row's title).
 */
export function DataTable({
  caption,
  columns = [],
  headerCells,
  labels,
  lead,
  children,
}: {
  caption: ReactNode;
  columns?: Column[];
  headerCells?: ReactNode;
  labels?: readonly (string | undefined)[];
  lead?: number;
  children: ReactNode;
}) {
  const names = labels ?? columns.map((c) => (typeof c.label === "string" ? c.label : undefined));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="data-table w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {headerCells ??
              columns.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are static and positional
                <th key={i} scope="col" className={`px-3 py-2 font-medium${c.nowrap ? " whitespace-nowrap" : ""}`}>
                  {c.label}
                </th>
              ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{labelCells(children, names, lead)}</tbody>
      </table>
    </div>
  );
}
