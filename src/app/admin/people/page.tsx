import type { Metadata } from "next";
import { ActionLink, AdminHeading, Pager } from "@/components/admin/admin-ui";
import { PeopleTable } from "@/components/admin/list-tables";
import { searchPeople } from "@/server/admin/people-queries";
import { pageParam, queryParam, requireAdministrator, type SearchParams } from "../_lib/guard";

export const metadata: Metadata = { title: "People · Administration" };

export default async function PeoplePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireAdministrator();
  const query = await searchParams;
  const q = queryParam(query, "q").slice(0, 200);
  const result = await searchPeople(actor, { q, page: pageParam(query) });
  return (
    <div className="space-y-6">
      <AdminHeading title="People">
        <ActionLink href="/admin/people/new">New person</ActionLink>
      </AdminHeading>
      <search>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1 sm:max-w-md">
            <label htmlFor="people-q" className="block text-sm font-medium text-slate-800">
              Name or e-mail address
            </label>
            <input
              id="people-q"
              name="q"
              type="search"
              defaultValue={q}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
            />
          </div>
          <button
            type="submit"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
          >
            Search
          </button>
        </form>
      </search>
      <p className="text-sm text-slate-600">
        {result.total} {result.total === 1 ? "person" : "people"}
        {q ? ` matching “${q}”` : ""}.
      </p>
      {result.items.length ? <PeopleTable rows={result.items} /> : null}
      <Pager
        path="/admin/people"
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        params={{ q: q || undefined }}
      />
    </div>
  );
}
