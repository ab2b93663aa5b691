import type { ReactNode } from "react";
import { DataTable } from "@/components/data-table";
import { DateText, DaysLeft } from "@/components/date-text";
import { GroupNames } from "@/components/group-names";
import Link from "@/components/link";
import { purposeLabel } from "@/lib/labels";
import type { DeskItem, DeskSection } from "@/server/desk/desk";

const td = "px-3 py-2";

/** One number of the desk, linked to the list behind it; the hidden words make the link's name unique. */
function Figure({
  label,
  value,
  href,
  context,
  alert,
}: {
  label: string;
  value: number;
  href: string | null;
  context: string;
  alert?: boolean;
}) {
  const number = <span className={`text-2xl font-semibold ${alert && value > 0 ? "text-red-700" : ""}`}>{value}</span>;
  return (
    <div className="rounded-md border border-slate-200 bg-white p-3">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd>
        {href ? (
          <Link href={href}>
            {number}
            <span className="sr-only"> {context}</span>
          </Link>
        ) : (
          number
        )}
      </dd>
    </div>
  );
}

function ItemTable({
  id,
  title,
  caption,
  headers,
  rows,
}: {
  id: string;
  title: string;
  caption: string;
  headers: string[];
  rows: ReactNode[][];
}) {
  return (
    <div className="space-y-2">
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      {/* DataTable: stacked rows on a phone, each cell under its column's name */}
      <DataTable caption={caption} columns={headers.map((label) => ({ label }))}>
        {rows.map((cells, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are rebuilt from scratch on every render
          <tr key={i} className="align-top">
            {cells.map((cell, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
              <td key={j} className={td}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

const titleLink = (item: DeskItem) => <Link href={`/statements/${item.id}`}>{item.title}</Link>;
const groupNames = (list: DeskItem["from"]) => <GroupNames groups={list} />;
const date = (iso: string | null) => <DateText date={iso ? new Date(iso) : null} />;
const daysLeft = (item: DeskItem) => <DaysLeft key="d" days={item.daysLeft} />;

/** One relationship on the desk: its numbers, then the statements that need someone. */
export function RelationshipSection({ section, windowDays }: { section: DeskSection; windowDays: number }) {
  const { relationship: rel, links } = section;
  const headingId = `rel-${rel.acronym}`;
  const name = rel.acronym.toUpperCase();
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-lg border border-slate-200 bg-slate-50/60 p-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-xl font-semibold">
          {rel.name} <span className="font-mono text-sm font-normal text-slate-600">{rel.acronym}</span>
        </h2>
        <p className="text-sm">
          <span
            className={`rounded px-2 py-0.5 ${rel.hasFormalRelationship ? "bg-green-100 text-green-900" : "bg-slate-200 text-slate-800"}`}
          >
            {rel.hasFormalRelationship ? "Formal liaison relationship" : "No formal liaison relationship"}
          </span>{" "}
          ·{" "}
          <Link href={links.report}>
            Status report<span className="sr-only"> for {name}</span>
          </Link>
        </p>
      </header>
      <p className="text-sm">
        <span className="font-medium">Liaison managers: </span>
        {rel.managers.length
          ? rel.managers.map((m, i) => (
              <span key={`${m.email}-${m.scope}`}>
                {i > 0 ? ", " : ""}
                {m.name} &lt;{m.email}&gt;{m.scope !== rel.acronym ? ` (${m.scope})` : ""}
              </span>
            ))
          : "none (mail goes to the IAB liaison coordination address)"}
      </p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Figure
          label={`Received, last ${windowDays} days`}
          value={section.received}
          href={links.received}
          context={`statements received from ${name} in the last ${windowDays} days`}
        />
        <Figure
          label={`Sent, last ${windowDays} days`}
          value={section.sent}
          href={links.sent}
          context={`statements sent to ${name} in the last ${windowDays} days`}
        />
        <Figure
          label="Incoming needing action"
          value={section.actionNeeded.length}
          href={links.actionNeeded}
          context={`incoming statements from ${name} needing action`}
        />
        <Figure
          label="Without an assignee"
          value={section.unassigned.length}
          href={links.unassigned}
          context={`incoming statements from ${name} needing action without an assignee`}
          alert
        />
        <Figure
          label="Awaiting the peer's reply"
          value={section.awaitingPeer.length}
          href={section.awaitingPeer.length ? links.awaitingPeer : null}
          context={`outgoing statements to ${name} awaiting a reply`}
        />
        <Figure
          label="Pending approval"
          value={section.pendingApproval.length}
          href={section.pendingApproval.length ? links.pendingApproval : null}
          context={`statements to ${name} pending approval`}
        />
      </dl>
      {section.actionNeeded.length ? (
        <ItemTable
          id={`action-${rel.acronym}`}
          title="Incoming statements needing action"
          caption={`Incoming statements from ${name} needing action, overdue first`}
          headers={["Deadline", "Due", "Title", "From", "Assignee"]}
          rows={section.actionNeeded.map((item) => [
            date(item.deadline),
            daysLeft(item),
            titleLink(item),
            groupNames(item.from),
            item.assignee ?? <span className="font-medium text-red-700">Unassigned</span>,
          ])}
        />
      ) : null}
      {section.awaitingPeer.length ? (
        <ItemTable
          id={`awaiting-${rel.acronym}`}
          title="Awaiting the peer's reply"
          caption={`Outgoing For-action statements to ${name} with no reply yet`}
          headers={["Posted", "Title", "To", "Deadline", "Due"]}
          rows={section.awaitingPeer.map((item) => [
            date(item.postedOn),
            titleLink(item),
            groupNames(item.to),
            date(item.deadline),
            daysLeft(item),
          ])}
        />
      ) : null}
      {section.pendingApproval.length ? (
        <ItemTable
          id={`pending-${rel.acronym}`}
          title="Pending approval"
          caption={`Outgoing statements to ${name} waiting for approval`}
          headers={["Submitted", "Title", "From", "To", "Purpose"]}
          rows={section.pendingApproval.map((item) => [
            date(item.submittedOn),
            titleLink(item),
            groupNames(item.from),
            groupNames(item.to),
            purposeLabel(item.purpose),
          ])}
        />
      ) : null}
      <p className="text-sm">
        <Link href={links.outgoingForAction}>All outgoing For-action statements to {name}</Link>
      </p>
    </section>
  );
}
