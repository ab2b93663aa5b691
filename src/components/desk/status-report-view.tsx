import { DataTable } from "@/components/data-table";
import Link from "@/components/link";
import type { ReportItem, ReportSection, StatusReport } from "@/server/desk/report";

/** The status report as a page: a summary, then one table per section (the same sections as CSV and text). */
export function StatusReportView({ report, sections }: { report: StatusReport; sections: readonly ReportSection[] }) {
  return (
    <div className="space-y-6">
      <section aria-labelledby="report-summary" className="space-y-2">
        <h2 id="report-summary" className="text-xl font-semibold">
          Summary
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {sections.map((s) => (
            <div key={s.key} className="rounded-md border border-slate-200 p-3">
              <dt className="text-sm text-slate-700">{s.title}</dt>
              <dd className="text-2xl font-semibold">
                <a href={`#report-${s.key}`}>
                  {s.items.length}
                  <span className="sr-only"> {s.title.toLowerCase()}</span>
                </a>
                {s.key === "open" && report.overdue.length ? (
                  <span className="ml-2 text-sm font-medium text-red-700">{report.overdue.length} overdue</span>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-slate-600">Open actions and replies awaited are as of {report.asOf}.</p>
      </section>
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`report-${s.key}`} className="space-y-2">
          <h2 id={`report-${s.key}`} className="text-lg font-semibold">
            {s.title} ({s.items.length})
          </h2>
          {s.items.length === 0 ? (
            <p className="text-sm text-slate-600">None.</p>
          ) : (
            <ItemTable caption={s.title} items={s.items} />
          )}
        </section>
      ))}
    </div>
  );
}

const REPORT_COLUMNS = ["Posted", "Purpose", "Title", "From", "To", "Deadline", "Status"].map((label) => ({ label }));

function ItemTable({ caption, items }: { caption: string; items: ReportItem[] }) {
  return (
    <DataTable caption={caption} columns={REPORT_COLUMNS}>
      {items.map((it) => (
        <tr key={it.id} className="align-top">
          <td className="whitespace-nowrap px-3 py-2">{it.date}</td>
          <td className="px-3 py-2">{it.purpose}</td>
          <td className="px-3 py-2">
            <Link href={`/statements/${it.id}`}>{it.title}</Link>
            {it.identifiers.length ? <div className="text-xs text-slate-600">{it.identifiers.join(", ")}</div> : null}
          </td>
          <td className="px-3 py-2 font-mono text-xs">{it.from.join(", ")}</td>
          <td className="px-3 py-2 font-mono text-xs">{it.to.join(", ")}</td>
          <td className="whitespace-nowrap px-3 py-2">{it.deadline ?? "—"}</td>
          <td className={`px-3 py-2 ${it.status.startsWith("Overdue") ? "font-medium text-red-700" : ""}`}>
            {it.status || "—"}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
