import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminHeading, AdminSection, StatusNote } from "@/components/admin/admin-ui";
import { AddEmailForm, EmailTable } from "@/components/admin/email-forms";
import { groupOptionGroups, organizationOptions } from "@/components/admin/options";
import { InviteForm, PersonEditForm } from "@/components/admin/person-forms";
import { AddRoleForm } from "@/components/admin/role-forms";
import { RolesTable } from "@/components/admin/roles-table";
import Link from "@/components/link";
import type { RoleName } from "@/generated/prisma/enums";
import { ROLE_LABELS } from "@/lib/labels";
import { getPerson } from "@/server/admin/people-queries";
import { groupChoices, organizationChoices } from "@/server/admin/queries";
import { idParam, queryParam, requireAdministrator, type SearchParams } from "../../_lib/guard";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const found = await getPerson(await requireAdministrator(), await idParam(params));
  return { title: found ? `Person: ${found.name} · Administration` : "Not found" };
}

export default async function PersonPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const actor = await requireAdministrator();
  const id = await idParam(params);
  const [person, groups, organizations, query] = await Promise.all([
    getPerson(actor, id),
    groupChoices(actor),
    organizationChoices(actor),
    searchParams,
  ]);
  if (!person) notFound();
  const primary = person.emails.find((e) => e.isPrimary && e.isActive)?.address ?? null;
  const signIn = !person.canSignIn
    ? "Sign-in is off."
    : person.hasPassword
      ? "Can sign in."
      : "Sign-in is on, but no password has been chosen yet.";
  return (
    <div className="space-y-6">
      <AdminHeading title={person.name}>
        <Link href={`/admin/audit?entity=person&id=${person.id}`}>History</Link>
      </AdminHeading>
      {queryParam(query, "created") ? (
        <StatusNote>Person created. Add roles below, or invite them by e-mail.</StatusNote>
      ) : null}
      <p className="text-sm text-slate-700">{signIn}</p>
      <PersonEditForm person={{ id: person.id, name: person.name, canSignIn: person.canSignIn }} />

      <AdminSection id="addresses" title="E-mail addresses">
        <EmailTable personId={person.id} emails={person.emails} />
        <AddEmailForm personId={person.id} />
      </AdminSection>

      <AdminSection id="invite" title="Invitation">
        <InviteForm personId={person.id} primaryEmail={primary} />
      </AdminSection>

      <AdminSection id="roles" title="Roles">
        <RolesTable
          roles={person.roles}
          caption="Roles"
          showPerson={false}
          empty="No roles: they can browse and read only."
        />
        <h3 className="font-semibold">Add a role</h3>
        <AddRoleForm
          roles={Object.keys(ROLE_LABELS) as RoleName[]}
          personId={person.id}
          groups={groupOptionGroups(groups)}
          organizations={organizationOptions(organizations.filter((o) => o.side === "external"))}
          submitLabel="Assign role"
        />
      </AdminSection>
    </div>
  );
}
