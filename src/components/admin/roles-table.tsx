import { DataTable } from "@/components/data-table";
import Link from "@/components/link";
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
  const columns = [
    ...(showPerson ? [{ label: "Person" }] : []),
    { label: "Role" },
    ...(showScope ? [{ label: "On" }] : []),
    { label: "Address used" },
    { label: "Source" },
    { label: <span className="sr-only">Remove</span> },
  ];
  return (
    <DataTable caption={caption} columns={columns}>
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
            {r.source}
            {r.source === "local" ? null : (
              <span className="block text-xs text-slate-600">follows the Datatracker at each of their sign-ins</span>
            )}
          </td>
          <td className="px-3 py-2">
            <RemoveRoleButton
              roleId={r.id}
              description={`${r.personName} as ${ROLE_LABELS[r.role]}${r.scope ? ` of ${r.scope}` : ""}`}
            />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
