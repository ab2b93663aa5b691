import type { Metadata } from "next";
import { ActionLink, AdminHeading } from "@/components/admin/admin-ui";
import { OrganizationsTable } from "@/components/admin/list-tables";
import { listOrganizations } from "@/server/admin/queries";
import { requireAdministrator } from "../_lib/guard";

export const metadata: Metadata = { title: "Organizations · Administration" };

export default async function OrganizationsPage() {
  const actor = await requireAdministrator();
  const rows = await listOrganizations(actor);
  return (
    <div className="space-y-6">
      <AdminHeading title="Organizations">
        <ActionLink href="/admin/organizations/new">New organization</ActionLink>
      </AdminHeading>
      <OrganizationsTable rows={rows} />
    </div>
  );
}
