import type { Metadata } from "next";
import { AdminHeading, Pager } from "@/components/admin/admin-ui";
import { AuditTable } from "@/components/admin/audit-table";
import Link from "@/components/link";
import { listAudit } from "@/server/admin/audit-queries";
import { pageParam, queryParam, requireAdministrator, type SearchParams } from "../_lib/guard";

export const metadata: Metadata = { title: "Audit log · Administration" };

const ENTITIES = ["organization", "group", "person", "role"];

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireAdministrator();
  const query = await searchParams;
  const entity = ENTITIES.includes(queryParam(query, "entity")) ? queryParam(query, "entity") : undefined;
  const entityId = Number(queryParam(query, "id")) || undefined;
  const result = await listAudit(actor, {
    page: pageParam(query),
    entityType: entity,
    entityId: entity ? entityId : undefined,
  });
  return (
    <div className="space-y-6">
      <AdminHeading title="Audit log" />
      <p className="text-sm text-slate-700">
        {entity ? (
          <>
            Changes to {entity} #{entityId ?? "any"}. <Link href="/admin/audit">Show every change</Link>
          </>
        ) : (
          "Every administrative change, newest first."
        )}{" "}
        {result.total} in all.
      </p>
      <AuditTable entries={result.items} />
      <Pager
        path="/admin/audit"
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        params={{ entity, id: entity && entityId ? String(entityId) : undefined }}
      />
    </div>
  );
}
