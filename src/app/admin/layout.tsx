import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireAdministrator } from "./_lib/guard";

/** Administration is the Secretariat's (docs/domain.md "Who may do what"); every page below checks again. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdministrator();
  return (
    <div className="space-y-6">
      <AdminNav />
      {children}
    </div>
  );
}
