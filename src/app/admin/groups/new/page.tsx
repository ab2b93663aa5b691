import type { Metadata } from "next";
import { AdminHeading } from "@/components/admin/admin-ui";
import { GroupForm } from "@/components/admin/group-form";
import { groupOptionGroups, organizationOptions } from "@/components/admin/options";
import { groupChoices, organizationChoices } from "@/server/admin/queries";
import { queryParam, requireAdministrator, type SearchParams } from "../../_lib/guard";

export const metadata: Metadata = { title: "New group · Administration" };

export default async function NewGroupPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireAdministrator();
  const [organizations, groups, query] = await Promise.all([
    organizationChoices(actor),
    groupChoices(actor),
    searchParams,
  ]);
  const organization = organizations.find((o) => String(o.id) === queryParam(query, "organization"));
  const parents = organization ? groups.filter((g) => g.organization === organization.acronym) : groups;
  return (
    <div className="space-y-6">
      <AdminHeading title={organization ? `New group in ${organization.name}` : "New group"} />
      <GroupForm
        organizations={organizationOptions(organizations)}
        parents={groupOptionGroups(parents)}
        defaultOrganizationId={organization?.id}
      />
    </div>
  );
}
