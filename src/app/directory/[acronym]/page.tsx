import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { OrganizationFacts, OrganizationGroupsTable } from "@/components/directory-organization";
import { DirectoryStatementsTable } from "@/components/directory-statements-table";
import Link from "@/components/link";
import { env } from "@/env";
import { groupPage } from "@/server/archive/group-page";
import { organizationPage } from "@/server/archive/organization-page";
import { GroupView } from "./group-view";

interface Props {
  params: Promise<{ acronym: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}

const load = cache(async (acronym: string, page: number) => organizationPage(acronym, page));
/** No organization by that acronym: a group's liaison page (issue 15, section 6), e.g. /directory/quic. */
const loadGroup = cache(async (acronym: string) => groupPage(acronym));
const pageNumber = (raw: string | string[] | undefined) => Number(Array.isArray(raw) ? raw[0] : raw) || 1;

const feedUrl = (side: "from" | "to", acronym: string) =>
  `/feeds/statements.atom?${side}=${encodeURIComponent(acronym)}`;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const data = await load((await params).acronym, pageNumber((await searchParams).page));
  if (!data) {
    const group = await loadGroup((await params).acronym);
    return { title: group ? `${group.group.name} (${group.group.acronym}): liaison statements` : "Not found" };
  }
  const { acronym, name } = data.organization;
  const label = acronym.toUpperCase();
  return {
    title: `${name} (${label})`,
    alternates: {
      types: {
        "application/atom+xml": [
          { url: `${env().appUrl}${feedUrl("from", acronym)}`, title: `Liaison statements from ${label}` },
          { url: `${env().appUrl}${feedUrl("to", acronym)}`, title: `Liaison statements to ${label}` },
        ],
      },
    },
  };
}

/** One organization: its groups and liaison managers, its public statements in both directions, its feeds. */
export default async function OrganizationPage({ params, searchParams }: Props) {
  const data = await load((await params).acronym, pageNumber((await searchParams).page));
  if (!data) {
    const group = await loadGroup((await params).acronym);
    if (!group) notFound();
    return <GroupView data={group} />;
  }
  const { organization, statements, total, page, pageCount } = data;
  const label = organization.acronym.toUpperCase();
  const pageHref = (n: number) => `/directory/${organization.acronym}${n > 1 ? `?page=${n}` : ""}#statements`;
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <nav aria-label="Breadcrumb" className="no-print text-sm">
          <Link href="/directory">Directory</Link> <span aria-hidden="true">›</span> {label}
        </nav>
        <h1 className="text-3xl font-semibold tracking-tight">
          {organization.name} ({label})
        </h1>
        <OrganizationFacts organization={organization} />
        <p className="text-sm">
          Atom feeds: <a href={feedUrl("from", organization.acronym)}>statements from {label}</a> ·{" "}
          <a href={feedUrl("to", organization.acronym)}>statements to {label}</a>
        </p>
      </header>

      <section aria-labelledby="groups" className="space-y-3">
        <h2 id="groups" className="text-xl font-semibold">
          Groups
        </h2>
        {organization.groups.length ? (
          <OrganizationGroupsTable organization={organization} />
        ) : (
          <p className="text-slate-600">No groups have been recorded for {label}.</p>
        )}
      </section>

      <section aria-labelledby="statements" className="space-y-3">
        <h2 id="statements" className="scroll-mt-4 text-xl font-semibold">
          Statements ({total})
        </h2>
        {statements.length === 0 ? (
          <p className="text-slate-600">No statements from or to {label} have been posted yet.</p>
        ) : (
          <DirectoryStatementsTable
            caption={`Posted statements from or to ${organization.name}, newest first${pageCount > 1 ? ` (page ${page} of ${pageCount})` : ""}`}
            statements={statements}
          />
        )}
        {pageCount > 1 ? (
          <nav aria-label="Statement pages" className="no-print flex gap-4 text-sm">
            {page > 1 ? <Link href={pageHref(page - 1)}>Newer statements</Link> : null}
            <span>
              Page {page} of {pageCount}
            </span>
            {page < pageCount ? <Link href={pageHref(page + 1)}>Older statements</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
