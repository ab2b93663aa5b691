import { DataTable } from "@/components/data-table";
import Link from "@/components/link";
import type { ActionStatus, Direction, Purpose, StatementState } from "@/generated/prisma/enums";
import { isoDate } from "@/lib/dates";
import { ACTION_STATUS_LABELS, purposeLabel } from "@/lib/labels";

export interface DirectoryStatement {
  id: number;
  title: string;
  state: StatementState;
  direction: Direction;
  purpose: Purpose | null;
  deadline: Date | null;
  postedAt: Date | null;
  /** shown only when the table has the Action column */
  actionStatus?: ActionStatus;
  from: { name: string }[];
  to: { name: string }[];
}

const names = (groups: { name: string }[]) => groups.map((g) => g.name).join(", ");

/**
 * The posted statements of a liaison page — a group's (with Direction and Action) or an organization's. No
 * client code, so the directory stays script-free (ADR 008).
 */
export function DirectoryStatementsTable({
  caption,
  statements,
  withDirectionAndAction = false,
}: {
  caption: string;
  statements: readonly DirectoryStatement[];
  withDirectionAndAction?: boolean;
}) {
  return (
    <DataTable
      caption={caption}
      columns={[
        { label: "Posted", nowrap: true },
        { label: "Title" },
        ...(withDirectionAndAction ? [{ label: "Direction" }] : []),
        { label: "From" },
        { label: "To" },
        { label: "Purpose" },
        ...(withDirectionAndAction ? [{ label: "Action" }] : []),
      ]}
    >
      {statements.map((s) => (
        <tr key={s.id} className="align-top">
          <td className="px-3 py-2 whitespace-nowrap">
            {s.postedAt ? <time dateTime={s.postedAt.toISOString()}>{isoDate(s.postedAt)}</time> : "—"}
          </td>
          <td className="px-3 py-2">
            <Link href={`/statements/${s.id}`}>{s.title}</Link>
            {s.state === "withdrawn" ? <span className="ml-2 text-xs text-slate-600">(withdrawn)</span> : null}
          </td>
          {withDirectionAndAction ? (
            <td className="px-3 py-2">{s.direction === "incoming" ? "Incoming" : "Outgoing"}</td>
          ) : null}
          <td className="px-3 py-2">{names(s.from)}</td>
          <td className="px-3 py-2">{names(s.to)}</td>
          <td className="px-3 py-2">
            {purposeLabel(s.purpose)}
            {s.deadline ? (
              <div className="text-xs whitespace-nowrap text-slate-600">by {isoDate(s.deadline)}</div>
            ) : null}
          </td>
          {withDirectionAndAction ? (
            <td className="px-3 py-2">{s.actionStatus ? ACTION_STATUS_LABELS[s.actionStatus] : "—"}</td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
