import type { ReactNode } from "react";
import { DataTable } from "@/components/data-table";
import Link from "@/components/link";
import { GROUP_TYPE_LABELS, ROLE_LABELS } from "@/lib/labels";
import type { GroupRow, RoleRow } from "@/server/admin/queries";

/** The list tables of the administration pages; each scrolls sideways inside itself on a phone. */

function Table({ caption, headers, children }: { caption: string; headers: string[]; children: ReactNode }) {
  return (
    <DataTable caption={caption} columns={headers.map((label) => ({ label, nowrap: true }))}>
      {children}
    </DataTable>
  );
}

const cell = "px-3 py-2 align-top";
const names = (list: string[]) => (list.length ? list.join(", ") : <span className="text-slate-500">—</span>);

export interface OrganizationListRow {
  id: number;
  acronym: string;
  name: string;
  side: "ietf" | "external";
  hasFormalRelationship: boolean;
  groupCount: number;
  managers: string[];
}

export function OrganizationsTable({ rows }: { rows: OrganizationListRow[] }) {
  return (
    <Table caption="Organizations" headers={["Acronym", "Name", "Side", "Relationship", "Groups", "Liaison managers"]}>
      {rows.map((o) => (
        <tr key={o.id}>
          <td className={`${cell} font-mono text-xs`}>
            <Link href={`/admin/organizations/${o.id}`}>{o.acronym}</Link>
          </td>
          <td className={cell}>{o.name}</td>
          <td className={cell}>{o.side === "ietf" ? "IETF" : "External"}</td>
          <td className={cell}>{o.side === "ietf" ? "—" : o.hasFormalRelationship ? "Formal" : "None"}</td>
          <td className={cell}>
            <Link href={`/admin/groups?organization=${encodeURIComponent(o.acronym)}`}>{o.groupCount}</Link>
          </td>
          <td className={cell}>{names(o.managers)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function GroupsTable({ rows }: { rows: GroupRow[] }) {
  return (
    <Table
      caption="Groups"
      headers={["Acronym", "Name", "Type", "Organization", "Parent", "State", "Liaison managers"]}
    >
      {rows.map((g) => (
        <tr key={g.id}>
          <td className={`${cell} font-mono text-xs`}>
            <Link href={`/admin/groups/${g.id}`}>{g.acronym}</Link>
          </td>
          <td className={cell}>{g.name}</td>
          <td className={cell}>{GROUP_TYPE_LABELS[g.type]}</td>
          <td className={`${cell} font-mono text-xs`}>{g.organization}</td>
          <td className={`${cell} font-mono text-xs`}>{g.parent ?? "—"}</td>
          <td className={cell}>{g.state === "active" ? "Active" : "Concluded"}</td>
          <td className={cell}>{names(g.managers)}</td>
        </tr>
      ))}
    </Table>
  );
}

export interface PersonListRow {
  id: number;
  name: string;
  emails: { address: string; isPrimary: boolean; isActive: boolean }[];
  canSignIn: boolean;
  hasPassword: boolean;
  roles: RoleRow[];
}

function signInStatus(p: PersonListRow): string {
  if (!p.canSignIn) return "Off";
  return p.hasPassword ? "Yes" : "No password yet";
}

export function PeopleTable({ rows }: { rows: PersonListRow[] }) {
  return (
    <Table caption="People" headers={["Name", "E-mail addresses", "Sign-in", "Roles"]}>
      {rows.map((p) => (
        <tr key={p.id}>
          <td className={cell}>
            <Link href={`/admin/people/${p.id}`}>{p.name}</Link>
          </td>
          <td className={`${cell} break-all`}>
            <ul>
              {p.emails.map((e) => (
                <li key={e.address} className={e.isActive ? "" : "text-slate-500 line-through"}>
                  {e.address}
                  {e.isPrimary ? <span className="text-slate-500"> (primary)</span> : null}
                </li>
              ))}
            </ul>
          </td>
          <td className={cell}>{signInStatus(p)}</td>
          <td className={cell}>
            {p.roles.length ? (
              <ul>
                {p.roles.map((r) => (
                  <li key={r.id}>
                    {ROLE_LABELS[r.role]}
                    {r.scope ? `, ${r.scope}` : ""}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-slate-500">—</span>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
