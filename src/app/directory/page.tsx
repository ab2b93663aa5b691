import type { Metadata } from "next";
import { connection } from "next/server";
import { DirectoryOrganizationSection } from "@/components/directory-organization";
import { listDirectory } from "@/server/directory/list-directory";

export const metadata: Metadata = { title: "Directory" };

export default async function DirectoryPage() {
  await connection();
  const organizations = await listDirectory();
  const external = organizations.filter((o) => o.side === "external");
  const internal = organizations.filter((o) => o.side === "ietf");
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold tracking-tight">Directory</h1>
        <p className="max-w-3xl text-slate-700">
          The standards bodies the IETF and IAB exchange liaison statements with, their groups, and the liaison managers
          who look after each relationship. Mail about a statement is copied to the liaison managers of the group
          concerned, or of its organization; where there are none, to the IAB liaison coordination address. Each
          organization&rsquo;s page lists the statements exchanged with it, with Atom feeds.
        </p>
        <nav aria-label="Organizations" className="text-sm">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {[...external, ...internal].map((o) => (
              <li key={o.acronym}>
                <a href={`#org-${o.acronym}`}>{o.acronym.toUpperCase()}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {organizations.length === 0 ? <p>No organizations have been recorded yet.</p> : null}
      {[...external, ...internal].map((organization) => (
        <DirectoryOrganizationSection key={organization.acronym} organization={organization} />
      ))}
    </div>
  );
}
