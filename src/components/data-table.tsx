import type { ReactNode } from "react";

export interface Column {
  label: ReactNode;
  /** keep the header on one line (dates) */
  nowrap?: boolean;
}

/**
 * A readable, phone-safe table: scrolls sideways in its own box, caption for screen readers, header row.
 * The header is `columns`, or `headerCells` when the header cells are richer (e.g. sort links).
 */
export function DataTable({
  caption,
  columns = [],
  headerCells,
  children,
}: {
  caption: ReactNode;
  columns?: Column[];
  headerCells?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full text-left text-sm">
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
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}
