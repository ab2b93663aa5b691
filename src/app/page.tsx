import Link from "next/link";
import { Dashboard } from "@/components/home/dashboard";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { isApprover } from "@/server/authz/policy";
import { dashboardFor } from "@/server/my-work/dashboard";

/** Signed in: the dashboard (issue 15 §2); signed out: the public home page. */
export default async function HomePage() {
  const actor = await currentActor();
  if (actor) {
    const data = await dashboardFor(actor, await loadGroupIndex());
    return <Dashboard name={actor.name} data={data} mayApprove={isApprover(actor)} />;
  }
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">IETF and IAB liaison statements</h1>
      <p className="text-lg text-slate-700">
        A liaison statement is a formal, recorded message between the IETF or the IAB and another standards body —
        3GPP, ITU-T, IEEE, BBF and others. This tool is the official record: every statement, incoming or outgoing,
        is entered here, approved where the process requires it, distributed by mail, and published.
      </p>
      <ul className="grid gap-4 sm:grid-cols-2">
        <li className="rounded-lg border border-slate-200 p-4">
          <h2 className="font-semibold">
            <Link href="/directory">Directory</Link>
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Organizations and groups we exchange statements with, and their liaison managers.
          </p>
        </li>
      </ul>
      <section aria-labelledby="how" className="space-y-2 text-slate-700">
        <h2 id="how" className="text-xl font-semibold text-slate-900">
          How it works
        </h2>
        <ol className="list-decimal space-y-1 pl-6">
          <li>WG chairs and ADs enter outgoing statements; the responsible AD or chair approves them.</li>
          <li>Liaison managers record statements received from other bodies.</li>
          <li>Posted statements are mailed to the recipients, copied to the liaison managers, and published.</li>
        </ol>
      </section>
    </div>
  );
}
