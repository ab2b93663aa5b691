import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { DataTable } from "@/components/data-table";
import { DeadlineText } from "@/components/date-text";
import { GroupNames } from "@/components/group-names";
import Link from "@/components/link";
import { daysBetween } from "@/lib/dates";
import { purposeLabel } from "@/lib/labels";
import { count } from "@/lib/plural";
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
      {queue.length === 0 ? (
        <p>Nothing is waiting for your approval.</p>
      ) : (
        <DataTable
          caption="Statements waiting for approval"
          columns={[
            { label: "Waiting" },
            { label: "Title" },
            { label: "From" },
            { label: "To" },
            { label: "Purpose" },
            { label: "Deadline" },
            { label: "Submitted by" },
          ]}
        >
          {queue.map((s) => (
            <tr key={s.id} className="align-top">
              <td className="px-3 py-2 whitespace-nowrap">{count(daysBetween(s.submittedAt, today), "day")}</td>
              <td className="px-3 py-2">
                <Link href={`/statements/${s.id}`}>{s.title}</Link>
              </td>
              <td className="px-3 py-2">
                <GroupNames groups={s.from} />
              </td>
              <td className="px-3 py-2">
                <GroupNames groups={s.to} />
              </td>
              <td className="px-3 py-2">{purposeLabel(s.purpose)}</td>
              <td className="px-3 py-2">
                {/* not yet sent: a deadline already past is worth a look before approving */}
                <DeadlineText date={s.deadline} isOpen today={today} />
              </td>
              <td className="px-3 py-2">{s.submitter}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
