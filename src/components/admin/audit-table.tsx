import Link from "@/components/link";
import type { AuditEntry } from "@/server/admin/audit-queries";

const show = (value: unknown): string => {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "(none)";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
};

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** The audit log: when, who, what, and each changed field from → to. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p>No changes have been recorded yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Administrative changes, newest first</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              When (UTC)
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Who
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              What
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Changes
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id} className="align-top">
              <td className="px-3 py-2 whitespace-nowrap">
                <time dateTime={e.createdAt.toISOString()}>{TIME.format(e.createdAt)}</time>
              </td>
              <td className="px-3 py-2">{e.actorName ?? "—"}</td>
              <td className="px-3 py-2">
                {e.entityHref ? <Link href={e.entityHref}>{e.summary}</Link> : e.summary}
                <div className="text-xs text-slate-500">
                  {e.entityType} #{e.entityId ?? "—"} · {e.action}
                </div>
              </td>
              <td className="px-3 py-2">
                <dl className="space-y-0.5">
                  {e.changes.map((c) => (
                    <div key={c.field} className="break-words">
                      <dt className="inline font-medium">{c.field}: </dt>
                      <dd className="inline">
                        <del className="text-slate-500">{show(c.from)}</del> →{" "}
                        <ins className="no-underline">{show(c.to)}</ins>
                      </dd>
                    </div>
                  ))}
                </dl>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
