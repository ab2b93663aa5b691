import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { isoDate } from "@/lib/dates";
import { PURPOSE_LABELS } from "@/lib/labels";
import { postedStatements } from "@/server/statements/queries";

export const metadata: Metadata = { title: "Statements" };

export default async function StatementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const params = await searchParams;
  const page = Math.max(1, Number.parseInt(typeof params.page === "string" ? params.page : "1", 10) || 1);
  const { total, rows } = await postedStatements(page);
  const pages = Math.max(1, Math.ceil(total / 50));
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">Liaison statements</h1>
      <p className="text-slate-700">{total} posted statements, newest first.</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Posted liaison statements</caption>
          <thead className="bg-slate-50"><tr>
            <th scope="col" className="px-3 py-2">Posted</th><th scope="col" className="px-3 py-2">From</th><th scope="col" className="px-3 py-2">To</th>
            <th scope="col" className="px-3 py-2">Title</th><th scope="col" className="px-3 py-2">Purpose</th><th scope="col" className="px-3 py-2">Deadline</th>
          </tr></thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((s) => (
              <tr key={s.id} className="align-top">
                <td className="whitespace-nowrap px-3 py-2">{isoDate(s.postedAt)}</td>
                <td className="px-3 py-2">{s.groups.filter((g) => g.side === "from").map((g) => g.group.acronym).join(", ")}</td>
                <td className="px-3 py-2">{s.groups.filter((g) => g.side === "to").map((g) => g.group.acronym).join(", ")}</td>
                <td className="px-3 py-2"><Link href={`/statements/${s.id}`}>{s.title}</Link>{s.state === "withdrawn" ? <span className="ml-1 text-xs text-amber-800">(withdrawn)</span> : null}</td>
                <td className="px-3 py-2">{PURPOSE_LABELS[s.purpose]}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  {isoDate(s.deadline) ?? "—"}
                  {s.actionStatus === "needed" ? <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">action needed</span> : null}
                  {s.actionStatus === "taken" ? <span className="ml-1 rounded bg-green-100 px-1 text-xs text-green-900">action taken</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {page > 1 ? <Link href={`/statements?page=${page - 1}`}>Previous page</Link> : null}
        <span>Page {page} of {pages}</span>
        {page < pages ? <Link href={`/statements?page=${page + 1}`}>Next page</Link> : null}
      </nav>
    </div>
  );
}
