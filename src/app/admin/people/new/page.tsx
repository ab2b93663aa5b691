import type { Metadata } from "next";
import { AdminHeading } from "@/components/admin/admin-ui";
import { PersonCreateForm } from "@/components/admin/person-forms";
import { requireAdministrator } from "../../_lib/guard";

export const metadata: Metadata = { title: "New person · Administration" };

export default async function NewPersonPage() {
  await requireAdministrator();
  return (
    <div className="space-y-6">
      <AdminHeading title="New person" />
      <PersonCreateForm />
    </div>
  );
}
