import Link from "next/link";
import { ROLE_LABELS } from "@/lib/labels";
import type { RoleRow } from "@/server/admin/queries";
import { RemoveRoleButton } from "./role-forms";

/** Role assignments with a Remove button each; shows the person, what the role sits on, or both. */
export function RolesTable({
  roles,
  caption,
  showPerson = true,
  showScope = true,
  empty = "None.",
}: {
  roles: RoleRow[];
  caption: string;
  showPerson?: boolean;
  showScope?: boolean;
  empty?: string;
}) {
  if (roles.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {showPerson ? (
              <th scope="col" className="px-3 py-2 font-medium">
                Person
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2 font-medium">
              Role
            </th>
            {showScope ? (
              <th scope="col" className="px-3 py-2 font-medium">
                On
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2 font-medium">
              Address used
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {roles.map((r) => (
            <tr key={r.id} className="align-top">
              {showPerson ? (
                <td className="px-3 py-2">
                  <Link href={`/admin/people/${r.personId}`}>{r.personName}</Link>
                </td>
              ) : null}
              <td className="px-3 py-2">{ROLE_LABELS[r.role]}</td>
              {showScope ? (
                <td className="px-3 py-2">{r.scopeHref ? <Link href={r.scopeHref}>{r.scope}</Link> : "—"}</td>
              ) : null}
              <td className="px-3 py-2 break-all">{r.email}</td>
              <td className="px-3 py-2">
                <RemoveRoleButton
                  roleId={r.id}
                  description={`${r.personName} as ${ROLE_LABELS[r.role]}${r.scope ? ` of ${r.scope}` : ""}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
