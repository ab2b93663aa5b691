import type { Metadata } from "next";
import { AdminHeading } from "@/components/admin/admin-ui";
import { OrganizationForm } from "@/components/admin/organization-form";
import { requireAdministrator } from "../../_lib/guard";

export const metadata: Metadata = { title: "New organization · Administration" };

export default async function NewOrganizationPage() {
  await requireAdministrator();
  return (
    <div className="space-y-6">
      <AdminHeading title="New organization" />
      <OrganizationForm />
    </div>
  );
}
