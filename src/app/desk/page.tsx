import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { RelationshipSection } from "@/components/desk/relationship-section";
import Link from "@/components/link";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { isStaff, mayUseDesk } from "@/server/authz/policy";
import { DESK_WINDOW_DAYS, deskOverview } from "@/server/desk/desk";

export const metadata: Metadata = { title: "Desk" };

/** The liaison manager's desk (issue 9): every relationship the person looks after, at a glance. */
export default async function DeskPage() {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in?callbackUrl=/desk");
  if (!mayUseDesk(actor)) forbidden();
  const desk = await deskOverview(actor, await loadGroupIndex());
  const staff = isStaff(actor);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold tracking-tight">Liaison manager&rsquo;s desk</h1>
        <p className="max-w-3xl text-slate-700">
          {staff ? "Every external organization" : "The relationships you look after"}: statements exchanged since{" "}
          {desk.since}, incoming actions still open (overdue first), outgoing requests still awaiting the other
          body&rsquo;s reply, and what is waiting for approval. Each number opens the list behind it.
        </p>
        <p className="text-sm">
          <Link href="/desk/report">Status report</Link>
          {staff ? (
            <>
              {" "}
              · <Link href="/desk/report?org=all">Status report on all relationships</Link>
            </>
          ) : null}
        </p>
        {desk.sections.length > 1 ? (
          <nav aria-label="Relationships" className="text-sm">
            <ul className="flex flex-wrap gap-x-4 gap-y-1">
              {desk.sections.map((s) => (
                <li key={s.relationship.acronym}>
                  <a href={`#rel-${s.relationship.acronym}`}>{s.relationship.acronym.toUpperCase()}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      {desk.sections.length === 0 ? <p>You are not the liaison manager of any relationship yet.</p> : null}
      {desk.sections.map((section) => (
        <RelationshipSection key={section.relationship.acronym} section={section} windowDays={DESK_WINDOW_DAYS} />
      ))}
    </div>
  );
}
