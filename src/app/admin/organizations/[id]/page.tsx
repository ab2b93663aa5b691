import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionLink, AdminHeading, AdminSection, StatusNote } from "@/components/admin/admin-ui";
import { OrganizationForm } from "@/components/admin/organization-form";
import { AddRoleForm } from "@/components/admin/role-forms";
import { RolesTable } from "@/components/admin/roles-table";
import Link from "@/components/link";
import { GROUP_TYPE_LABELS } from "@/lib/labels";
import { personChoices } from "@/server/admin/people-queries";
import { getOrganization } from "@/server/admin/queries";
import { idParam, queryParam, requireAdministrator, type SearchParams } from "../../_lib/guard";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const found = await getOrganization(await requireAdministrator(), await idParam(params));
  return { title: found ? `Organization: ${found.name} · Administration` : "Not found" };
}

export default async function OrganizationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const actor = await requireAdministrator();
  const id = await idParam(params);
  const [organization, people, query] = await Promise.all([
    getOrganization(actor, id),
    personChoices(actor),
    searchParams,
  ]);
  if (!organization) notFound();
  const isExternal = organization.side === "external";
  return (
    <div className="space-y-6">
      <AdminHeading title={`${organization.name} (${organization.acronym})`}>
        <Link href={`/admin/audit?entity=organization&id=${organization.id}`}>History</Link>
      </AdminHeading>
      {queryParam(query, "created") ? <StatusNote>Organization created.</StatusNote> : null}
      <OrganizationForm
        organization={{
          id: organization.id,
          acronym: organization.acronym,
          name: organization.name,
          url: organization.url,
          side: organization.side,
          hasFormalRelationship: organization.hasFormalRelationship,
        }}
      />

      {isExternal ? (
        <AdminSection id="liaison-managers" title="Liaison managers">
          <p className="max-w-3xl text-sm text-slate-700">
            Liaison managers of the whole organization are copied on mail about every one of its groups that has no
            liaison manager of its own.
          </p>
          <RolesTable
            roles={organization.roles}
            caption="Liaison managers"
            showScope={false}
            empty="No liaison manager for the whole organization."
          />
          <h3 className="font-semibold">Add liaison manager</h3>
          <AddRoleForm
            roles={["liaison_manager"]}
            organizationId={organization.id}
            people={people}
            submitLabel="Add liaison manager"
          />
        </AdminSection>
      ) : null}

      <AdminSection id="groups" title="Groups">
        <p className="text-sm">
          <ActionLink href={`/admin/groups/new?organization=${organization.id}`}>
            New group in {organization.acronym}
          </ActionLink>
        </p>
        {organization.groups.length ? (
          <ul className="space-y-1 text-sm">
            {organization.groups.map((g) => (
              <li key={g.id}>
                <Link href={`/admin/groups/${g.id}`} className="font-mono text-xs">
                  {g.acronym}
                </Link>{" "}
                {g.name} · {GROUP_TYPE_LABELS[g.type]}
                {g.state === "concluded" ? <span className="text-slate-500"> (concluded)</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">No groups yet.</p>
        )}
      </AdminSection>
    </div>
  );
}
