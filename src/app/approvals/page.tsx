import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { daysBetween, isoDate } from "@/lib/dates";
import { PURPOSE_LABELS } from "@/lib/labels";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { isApprover } from "@/server/authz/policy";
import { approvalQueue } from "@/server/statements/queries";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in?callbackUrl=/approvals");
  if (!isApprover(actor)) forbidden();
  const queue = await approvalQueue(actor, await loadGroupIndex());
  const today = new Date();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">Approvals</h1>
      <p className="text-slate-700">Outgoing statements waiting for your approval, oldest first.</p>
      {queue.length === 0 ? <p>Nothing is waiting for your approval.</p> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Statements waiting for approval</caption>
            <thead className="bg-slate-50"><tr>
              <th scope="col" className="px-3 py-2">Waiting</th><th scope="col" className="px-3 py-2">Title</th><th scope="col" className="px-3 py-2">From</th>
              <th scope="col" className="px-3 py-2">To</th><th scope="col" className="px-3 py-2">Purpose</th><th scope="col" className="px-3 py-2">Deadline</th>
              <th scope="col" className="px-3 py-2">Submitted by</th>
            </tr></thead>
            <tbody className="divide-y divide-slate-100">
              {queue.map((s) => (
                <tr key={s.id} className="align-top">
                  <td className="px-3 py-2">{daysBetween(s.submittedAt, today)} days</td>
                  <td className="px-3 py-2"><Link href={`/statements/${s.id}`}>{s.title}</Link></td>
                  <td className="px-3 py-2 font-mono text-xs">{s.from.join(", ")}</td>
                  <td className="px-3 py-2 font-mono text-xs">{s.to.join(", ")}</td>
                  <td className="px-3 py-2">{PURPOSE_LABELS[s.purpose]}</td>
                  <td className="px-3 py-2">{isoDate(s.deadline) ?? "—"}</td>
                  <td className="px-3 py-2">{s.submitter}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
