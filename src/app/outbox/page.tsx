import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { DataTable } from "@/components/data-table";
import Link from "@/components/link";
import { RetryMailButton } from "@/components/retry-mail-button";
import type { MailState } from "@/generated/prisma/enums";
import { count } from "@/lib/plural";
import { currentActor } from "@/server/auth/actor";
import { mayAdminister } from "@/server/authz/policy";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/server/mail/outbox-queries";

export const metadata: Metadata = { title: "Outbox" };

const STATES: MailState[] = ["queued", "sending", "sent", "delivered_to_file", "failed"];

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in?callbackUrl=/outbox");
  if (!mayAdminister(actor)) forbidden();
  const params = await searchParams;
  const state = STATES.find((s) => s === params.state);
  const page = Math.max(1, Number.parseInt(String(params.page ?? "1"), 10) || 1);
  const { total, counts, mails } = await listOutbox(actor, { page, state });
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">Outbox</h1>
      <p className="text-slate-700">
        Every mail the tracker sends: recipients, state, attempts and the last error. Failed mail can be retried.
      </p>
      <nav aria-label="Filter by state" className="flex flex-wrap gap-3 text-sm">
        <Link href="/outbox" aria-current={!state ? "page" : undefined}>
          All
        </Link>
        {STATES.map((s) => (
          <Link key={s} href={`/outbox?state=${s}`} aria-current={state === s ? "page" : undefined}>
            {s.replaceAll("_", " ")} ({counts[s] ?? 0})
          </Link>
        ))}
      </nav>
      <DataTable
        caption="Mail in the outbox"
        columns={[
          { label: "Created" },
          { label: "Kind" },
          { label: "Subject" },
          { label: "Recipients" },
          { label: "State" },
          { label: "Attempts" },
          { label: "Last error" },
          { label: <span className="sr-only">Retry</span> },
        ]}
      >
        {mails.map((m) => (
          <tr key={m.id} className="align-top">
            <td className="whitespace-nowrap px-3 py-2">{m.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
            <td className="px-3 py-2">{m.kind.replaceAll("_", " ")}</td>
            <td className="px-3 py-2">
              {m.statement ? <Link href={`/statements/${m.statement.id}`}>{m.subject}</Link> : m.subject}
            </td>
            <td className="px-3 py-2 text-xs">
              <div>To: {m.to.join(", ")}</div>
              {m.cc.length ? <div>Cc: {m.cc.join(", ")}</div> : null}
              {m.replyTo ? <div>Reply-To: {m.replyTo}</div> : null}
            </td>
            <td className="px-3 py-2">{m.state.replaceAll("_", " ")}</td>
            <td className="px-3 py-2">{m.attempts}</td>
            <td className="max-w-xs break-words px-3 py-2 text-xs text-red-800">{m.lastError ?? "—"}</td>
            <td className="px-3 py-2">
              {m.state !== "failed" && m.state !== "queued" ? null : m.linkRemoved ? (
                <span className="text-xs">Link removed: a new link must be requested</span>
              ) : (
                <RetryMailButton id={m.id} />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <p className="text-sm">
        {count(total, "mail")} · page {page} of {Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE))}
      </p>
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {page > 1 ? (
          <Link href={`/outbox?page=${page - 1}${state ? `&state=${state}` : ""}`}>Previous page</Link>
        ) : null}
        {page * OUTBOX_PAGE_SIZE < total ? (
          <Link href={`/outbox?page=${page + 1}${state ? `&state=${state}` : ""}`}>Next page</Link>
        ) : null}
      </nav>
    </div>
  );
}
