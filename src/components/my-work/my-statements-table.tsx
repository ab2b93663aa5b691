import { DataTable } from "@/components/data-table";
import Link from "@/components/link";
import { isoDate } from "@/lib/dates";

export interface MyStatementItem {
  id: number;
  title: string;
  direction: "incoming" | "outgoing";
  reason: "draft" | "returned" | "pending" | "approved" | "posted" | "looked-after";
  state: string;
  changedAt: Date;
  from: string[];
  to: string[];
  returnComment: string | null;
  next: string;
}

const REASON_LABELS: Record<MyStatementItem["reason"], string> = {
  draft: "Draft",
  returned: "Returned to you",
  pending: "Waiting for approval",
  approved: "Approved",
  posted: "Posted",
  "looked-after": "A relationship you look after",
};

const STATE_WORDS: Record<string, string> = {
  draft: "draft",
  pending: "pending approval",
  approved: "approved",
  posted: "posted",
  withdrawn: "withdrawn",
};

/** Issue 15 §2: the statements on a person's desk, newest change first, each with its next step. */
export function MyStatementsTable({ items, caption }: { items: MyStatementItem[]; caption: string }) {
  return (
    <DataTable
      caption={caption}
      lead={0}
      columns={[
        { label: "Title" },
        { label: "Where it stands" },
        { label: "Next step" },
        { label: "Groups" },
        { label: "Last change", nowrap: true },
      ]}
    >
      {items.map((s) => (
        <tr key={s.id} className="align-top">
          <td className="px-3 py-2">
            <Link href={`/statements/${s.id}`} className="font-medium">
              {s.title}
            </Link>
            <span className="block text-xs text-slate-600">{s.direction === "incoming" ? "Incoming" : "Outgoing"}</span>
          </td>
          <td className="px-3 py-2">
            {REASON_LABELS[s.reason]}
            {s.reason === "looked-after" ? (
              <span className="block text-xs text-slate-600">{STATE_WORDS[s.state] ?? s.state}</span>
            ) : null}
          </td>
          <td className="px-3 py-2">
            {s.next}
            {s.returnComment ? (
              <blockquote className="mt-1 whitespace-pre-line border-l-4 border-amber-300 pl-2 text-sm text-slate-700">
                <span className="sr-only">Comment: </span>
                {s.returnComment}
              </blockquote>
            ) : null}
          </td>
          <td className="px-3 py-2 text-sm">
            {s.from.join(", ") || "—"} → {s.to.join(", ") || "—"}
          </td>
          <td className="whitespace-nowrap px-3 py-2">{isoDate(s.changedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
