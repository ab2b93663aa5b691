import type { CSSProperties } from "react";
import { DataTable } from "@/components/data-table";
import { GROUP_TYPE_LABELS, ROLE_LABELS } from "@/lib/labels";
import type { DirectoryGroup, DirectoryOrganization } from "@/server/directory/list-directory";
import { ContactList } from "./contact-list";

function ManagerCell({ group, organization }: { group: DirectoryGroup; organization: DirectoryOrganization }) {
  if (group.effective.source === "group") return <ContactList contacts={group.managers} />;
  if (group.effective.source === "organization") {
    return <span className="text-slate-600">Via {organization.acronym.toUpperCase()}: see above</span>;
  }
  const [fallback] = group.effective.managers;
  return (
    <span className="text-slate-600">
      None — mail is copied to <a href={`mailto:${fallback?.email}`}>{fallback?.email}</a>
    </span>
  );
}

/** Web site, relationship and the organization-wide liaison managers. */
export function OrganizationFacts({ organization }: { organization: DirectoryOrganization }) {
  const isExternal = organization.side === "external";
  if (!organization.url && !isExternal) return null;
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
      {organization.url ? (
        <>
          <dt className="font-medium text-slate-600">Web site</dt>
          <dd>
            <a href={organization.url}>{organization.url}</a>
          </dd>
        </>
      ) : null}
      {isExternal ? (
        <>
          <dt className="font-medium text-slate-600">Relationship</dt>
          <dd>
            {organization.hasFormalRelationship ? "Formal liaison relationship" : "No formal liaison relationship"}
          </dd>
          <dt className="font-medium text-slate-600">Liaison managers</dt>
          <dd>
            <ContactList contacts={organization.managers} empty="None for the whole organization" />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The organization's groups as an indented table, with who looks after each. */
export function OrganizationGroupsTable({ organization }: { organization: DirectoryOrganization }) {
  const isExternal = organization.side === "external";
  return (
    <DataTable
      caption={`Groups of ${organization.name}`}
      columns={[
        { label: "Group" },
        { label: "Acronym" },
        { label: "Type" },
        { label: isExternal ? "Liaison managers" : "Chairs and ADs" },
      ]}
    >
      {organization.groups.map((group) => (
        // The depth indents the name at a desk's width and the whole stacked row on a phone (globals.css).
        <tr key={group.acronym} className="align-top" style={{ "--depth": group.depth } as CSSProperties}>
          <td className="group-indent px-3 py-2">
            {isExternal ? group.name : <a href={`/directory/${group.acronym}`}>{group.name}</a>}
            {group.state === "concluded" ? <span className="ml-2 text-xs text-slate-500">(concluded)</span> : null}
            {group.listAddress ? (
              <div className="text-xs text-slate-500">
                List: <a href={`mailto:${group.listAddress}`}>{group.listAddress}</a>
              </div>
            ) : null}
          </td>
          <td className="px-3 py-2 font-mono text-xs">{group.acronym}</td>
          <td className="px-3 py-2">{GROUP_TYPE_LABELS[group.type]}</td>
          <td className="px-3 py-2">
            {isExternal ? (
              <ManagerCell group={group} organization={organization} />
            ) : (
              <ContactList contacts={group.leaders.map((l) => ({ ...l, note: ROLE_LABELS[l.role] }))} empty="—" />
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** One organization of the directory: relationship, managers, its groups, and a link to its own page. */
export function DirectoryOrganizationSection({ organization }: { organization: DirectoryOrganization }) {
  const headingId = `org-${organization.acronym}`;
  const acronym = organization.acronym.toUpperCase();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-xl font-semibold">
        <a href={`/directory/${organization.acronym}`}>
          {organization.name} ({acronym})
        </a>
      </h2>
      <OrganizationFacts organization={organization} />
      <p className="text-sm">
        <a href={`/directory/${organization.acronym}#statements`}>Statements exchanged with {acronym}, and its feeds</a>
      </p>
      <OrganizationGroupsTable organization={organization} />
    </section>
  );
}
