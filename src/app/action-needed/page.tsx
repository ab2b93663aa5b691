import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DataTable } from "@/components/data-table";
import { DateText, DaysLeft } from "@/components/date-text";
import { GroupNames } from "@/components/group-names";
import Link from "@/components/link";
import { daysBetween } from "@/lib/dates";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { actionNeeded } from "@/server/statements/queries";

export const metadata: Metadata = { title: "Action needed" };

export default async function ActionNeededPage() {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in?callbackUrl=/action-needed");
  const rows = await actionNeeded(actor, await loadGroupIndex());
  const today = new Date();
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">Action needed</h1>
      <p className="text-slate-700">
        Posted For-action statements still waiting for action that you may close, by deadline, overdue first.
      </p>
      {rows.length === 0 ? (
        <p>No open actions for you.</p>
      ) : (
        <DataTable
          caption="Statements needing action"
          columns={[
            { label: "Deadline" },
            { label: "Due" },
            { label: "Title" },
            { label: "From" },
            { label: "Assignee" },
          ]}
        >
          {rows.map((s) => {
            const left = s.deadline ? daysBetween(today, s.deadline) : null;
            return (
              <tr key={s.id} className="align-top">
                <td className="px-3 py-2">
                  <DateText date={s.deadline} />
                </td>
                <td className="px-3 py-2">
                  <DaysLeft days={left} />
                </td>
                <td className="px-3 py-2">
                  <Link href={`/statements/${s.id}`}>{s.title}</Link>
                </td>
                <td className="px-3 py-2">
                  <GroupNames groups={s.groups.filter((g) => g.side === "from").map((g) => g.group)} />
                </td>
                <td className="px-3 py-2">{s.assignee?.name ?? "Unassigned"}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </div>
  );
}
