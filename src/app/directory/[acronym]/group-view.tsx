import { DirectoryStatementsTable } from "@/components/directory-statements-table";
import Link from "@/components/link";
import type { GroupPage } from "@/server/archive/group-page";

/** One group's liaison page (issue 15, section 6): no client code, so it works script-free (ADR 008). */
export function GroupView({ data }: { data: GroupPage }) {
  const { group, chairs, approvers, statements, total, peers } = data;
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <nav aria-label="Breadcrumb" className="no-print text-sm">
          <Link href="/directory">Directory</Link> <span aria-hidden="true">›</span>{" "}
          <Link href={`/directory/${group.organization.acronym}`}>{group.organization.acronym.toUpperCase()}</Link>{" "}
          <span aria-hidden="true">›</span> {group.acronym}
        </nav>
        <h1 className="text-3xl font-semibold tracking-tight">
          {group.name} ({group.acronym})
        </h1>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">Organization</dt>
          <dd>
            <Link href={`/directory/${group.organization.acronym}`}>{group.organization.name}</Link>
            {group.parent ? (
              <>
                {" "}
                · part of <Link href={`/directory/${group.parent.acronym}`}>{group.parent.name}</Link>
              </>
            ) : null}
            {group.isActive ? "" : " · concluded"}
          </dd>
          {group.listAddress ? (
            <>
              <dt className="font-medium text-slate-600">List</dt>
              <dd className="break-all">{group.listAddress}</dd>
            </>
          ) : null}
          {group.isExternal ? null : (
            <>
              <dt className="font-medium text-slate-600">Chairs</dt>
              <dd>{chairs.length ? chairs.map((c) => `${c.name} (${c.role})`).join(", ") : "—"}</dd>
              <dt className="font-medium text-slate-600">Approved by</dt>
              <dd>
                {approvers.label}
                {approvers.people.length ? `: ${approvers.people.map((p) => p.name).join(", ")}` : ""}
              </dd>
            </>
          )}
        </dl>
        {data.originates || group.isExternal ? null : (
          <p className="text-sm text-slate-700">
            Research groups do not send liaison statements (RFC 4053bis §1); they may receive them.
          </p>
        )}
      </header>

      <section aria-labelledby="peers" className="space-y-2">
        <h2 id="peers" className="text-xl font-semibold">
          {group.isExternal ? "IETF and IAB groups it exchanges with" : "Bodies it exchanges with"}
        </h2>
        {peers.length ? (
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {peers.map((p) => (
              <li key={p.acronym}>
                <Link href={`/directory/${p.acronym}`}>{p.name}</Link>{" "}
                <span className="text-slate-600">
                  ({p.organization.acronym.toUpperCase()}, {p.count} {p.count === 1 ? "statement" : "statements"})
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">None yet.</p>
        )}
      </section>

      <section aria-labelledby="statements" className="space-y-3">
        <h2 id="statements" className="text-xl font-semibold">
          Statements ({total})
        </h2>
        {statements.length === 0 ? (
          <p className="text-slate-600">No statements from or to {group.name} have been posted yet.</p>
        ) : (
          <DirectoryStatementsTable
            caption={`Posted statements from or to ${group.name}, newest first${total > statements.length ? ` (the latest ${statements.length})` : ""}`}
            statements={statements}
            withDirectionAndAction
          />
        )}
      </section>
    </div>
  );
}
