import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminHeading, AdminSection, StatusNote } from "@/components/admin/admin-ui";
import { GroupForm } from "@/components/admin/group-form";
import { groupOptionGroups, organizationOptions } from "@/components/admin/options";
import { AddRoleForm } from "@/components/admin/role-forms";
import { RolesTable } from "@/components/admin/roles-table";
import Link from "@/components/link";
import type { RoleName } from "@/generated/prisma/enums";
import { personChoices } from "@/server/admin/people-queries";
import { getGroup, groupChoices, organizationChoices } from "@/server/admin/queries";
import { idParam, queryParam, requireAdministrator, type SearchParams } from "../../_lib/guard";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const found = await getGroup(await requireAdministrator(), await idParam(params));
  return { title: found ? `Group: ${found.name} · Administration` : "Not found" };
}

const INTERNAL_ROLES: RoleName[] = [
  "wg_chair",
  "wg_secretary",
  "ad",
  "ietf_chair",
  "iab_chair",
  "iab_liaison_coordinator",
];

export default async function GroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const actor = await requireAdministrator();
  const id = await idParam(params);
  const [group, organizations, groups, people, query] = await Promise.all([
    getGroup(actor, id),
    organizationChoices(actor),
    groupChoices(actor),
    personChoices(actor),
    searchParams,
  ]);
  if (!group) notFound();
  const isExternal = group.organization.side === "external";
  const parents = groups.filter((g) => g.organization === group.organization.acronym && g.id !== group.id);
  return (
    <div className="space-y-6">
      <AdminHeading title={`${group.name} (${group.acronym})`}>
        <Link href={`/admin/organizations/${group.organization.id}`}>{group.organization.name}</Link>
        <Link href={`/admin/audit?entity=group&id=${group.id}`}>History</Link>
      </AdminHeading>
      {queryParam(query, "created") ? <StatusNote>Group created.</StatusNote> : null}
      <GroupForm
        group={{
          id: group.id,
          acronym: group.acronym,
          name: group.name,
          type: group.type,
          state: group.state,
          organizationId: group.organizationId,
          parentId: group.parentId,
          listAddress: group.listAddress,
          defaultContacts: group.defaultContacts,
        }}
        organizations={organizationOptions(organizations)}
        parents={groupOptionGroups(parents)}
      />

      <AdminSection id="roles" title={isExternal ? "Liaison managers" : "Roles"}>
        <RolesTable
          roles={group.roles}
          caption={isExternal ? "Liaison managers" : "Roles"}
          showScope={false}
          empty={
            isExternal
              ? `No liaison manager of its own: mail goes to those of ${group.organization.acronym}, if any.`
              : "No roles."
          }
        />
        <h3 className="font-semibold">{isExternal ? "Add liaison manager" : "Add a role"}</h3>
        <AddRoleForm
          roles={isExternal ? ["liaison_manager"] : INTERNAL_ROLES}
          groupId={group.id}
          people={people}
          submitLabel={isExternal ? "Add liaison manager" : "Assign role"}
        />
      </AdminSection>

      {group.children.length ? (
        <AdminSection id="children" title="Groups below this one">
          <ul className="space-y-1 text-sm">
            {group.children.map((c) => (
              <li key={c.id}>
                <Link href={`/admin/groups/${c.id}`} className="font-mono text-xs">
                  {c.acronym}
                </Link>{" "}
                {c.name}
                {c.state === "concluded" ? <span className="text-slate-500"> (concluded)</span> : null}
              </li>
            ))}
          </ul>
        </AdminSection>
      ) : null}
    </div>
  );
}
