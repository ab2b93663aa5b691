import Link from "@/components/link";
import { isoDate } from "@/lib/dates";
import { count } from "@/lib/plural";
import type { Dashboard as DashboardData, DashboardStatement } from "@/server/my-work/dashboard";

function StatementList({
  items,
  empty,
  showDeadline,
}: {
  items: DashboardStatement[];
  empty: string;
  showDeadline?: boolean;
}) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((s) => (
        <li key={s.id} className="py-2">
          <Link href={`/statements/${s.id}`} className="font-medium">
            {s.title}
          </Link>
          <p className="text-xs text-slate-600">
            {s.from.join(", ") || "—"} → {s.to.join(", ") || "—"}
            {showDeadline && s.deadline ? ` · deadline ${isoDate(s.deadline)}` : ""}
            {!showDeadline && s.postedAt ? ` · posted ${isoDate(s.postedAt)}` : ""}
            {s.isWithdrawn ? " · withdrawn" : ""}
          </p>
          {s.note ? <p className="mt-0.5 whitespace-pre-line text-sm text-slate-700">{s.note}</p> : null}
        </li>
      ))}
    </ul>
  );
}

function Panel({
  id,
  title,
  total,
  link,
  children,
}: {
  id: string;
  title: string;
  total: number;
  link?: { href: string; label: string };
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 p-4">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={id} className="font-semibold">
          {title} <span className="font-normal text-slate-600">({total})</span>
        </h3>
        {link ? (
          <Link href={link.href} className="text-sm">
            {link.label}
          </Link>
        ) : null}
      </div>
      <div className="mt-2">{children}</div>
    </section>
  );
}

/** Issue 15 §2: the signed-in home page — what waits for me, then the recent statements of my groups. */
export function Dashboard({ name, data, mayApprove }: { name: string; data: DashboardData; mayApprove: boolean }) {
  const waiting =
    data.approvals.length + data.returned.length + data.assignedToMe.length + data.deadlinesThisWeek.length;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Welcome, {name}</h1>
        <p className="mt-1 text-slate-700">
          {waiting === 0 ? "Nothing is waiting for you." : `${count(waiting, "item")} waiting for you.`}{" "}
          <Link href="/statements/mine">My statements</Link> lists everything you are working on.
        </p>
      </div>
      <section aria-labelledby="waiting" className="space-y-3">
        <h2 id="waiting" className="text-xl font-semibold">
          What waits for you
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          {mayApprove ? (
            <Panel
              id="waiting-approvals"
              title="Approvals"
              total={data.approvals.length}
              link={{ href: "/approvals", label: "All approvals" }}
            >
              <StatementList items={data.approvals} empty="Nothing is waiting for your approval." showDeadline />
            </Panel>
          ) : null}
          <Panel
            id="waiting-returned"
            title="Returned drafts"
            total={data.returned.length}
            link={{ href: "/statements/mine", label: "My statements" }}
          >
            <StatementList items={data.returned} empty="No draft was returned to you." />
          </Panel>
          <Panel
            id="waiting-assigned"
            title="Actions assigned to you"
            total={data.assignedToMe.length}
            link={{ href: "/action-needed", label: "Action needed" }}
          >
            <StatementList items={data.assignedToMe} empty="No open action is assigned to you." showDeadline />
          </Panel>
          <Panel id="waiting-deadlines" title="Deadlines this week" total={data.deadlinesThisWeek.length}>
            <StatementList
              items={data.deadlinesThisWeek}
              empty="No deadline of your groups falls in the next 7 days."
              showDeadline
            />
          </Panel>
        </div>
      </section>
      <section aria-labelledby="recent" className="space-y-3">
        <h2 id="recent" className="text-xl font-semibold">
          Recent statements of your groups
        </h2>
        {data.myGroupNames.length ? <p className="text-sm text-slate-600">{data.myGroupNames.join(", ")}</p> : null}
        <div className="rounded-lg border border-slate-200 px-4 py-2">
          <StatementList items={data.recent} empty="No posted statement of your groups yet." />
        </div>
        <p>
          <Link href="/statements">All posted statements</Link>
        </p>
      </section>
    </div>
  );
}
