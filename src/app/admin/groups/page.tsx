import type { Metadata } from "next";
import { ActionLink, AdminHeading } from "@/components/admin/admin-ui";
import { GroupsTable } from "@/components/admin/list-tables";
import { listGroups, organizationChoices } from "@/server/admin/queries";
import { queryParam, requireAdministrator, type SearchParams } from "../_lib/guard";

export const metadata: Metadata = { title: "Groups · Administration" };

const selectClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base";

export default async function GroupsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireAdministrator();
  const query = await searchParams;
  const organization = queryParam(query, "organization");
  const stateParam = queryParam(query, "state");
  const state = stateParam === "active" || stateParam === "concluded" ? stateParam : undefined;
  const [rows, organizations] = await Promise.all([
    listGroups(actor, { organization: organization || undefined, state }),
    organizationChoices(actor),
  ]);
  const selected = organizations.find((o) => o.acronym === organization);
  return (
    <div className="space-y-6">
      <AdminHeading title="Groups">
        <ActionLink href={selected ? `/admin/groups/new?organization=${selected.id}` : "/admin/groups/new"}>
          New group
        </ActionLink>
      </AdminHeading>
      <form method="get" className="flex flex-wrap items-end gap-4" aria-label="Filter groups">
        <div className="w-full min-w-0 sm:w-auto sm:max-w-sm">
          <label htmlFor="filter-organization" className="block text-sm font-medium text-slate-800">
            Organization
          </label>
          <select id="filter-organization" name="organization" defaultValue={organization} className={selectClass}>
            <option value="">All organizations</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.acronym}>
                {o.name} ({o.acronym})
              </option>
            ))}
          </select>
        </div>
        <div className="w-full min-w-0 sm:w-auto sm:max-w-sm">
          <label htmlFor="filter-state" className="block text-sm font-medium text-slate-800">
            State
          </label>
          <select id="filter-state" name="state" defaultValue={state ?? ""} className={selectClass}>
            <option value="">Active and concluded</option>
            <option value="active">Active</option>
            <option value="concluded">Concluded</option>
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
        >
          Show groups
        </button>
      </form>
      <p className="text-sm text-slate-600">
        {rows.length} group{rows.length === 1 ? "" : "s"}
        {selected ? ` of ${selected.name}` : ""}.
      </p>
      {rows.length ? <GroupsTable rows={rows} /> : null}
    </div>
  );
}
