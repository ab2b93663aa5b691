import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { RemoveAttachmentButton } from "@/components/statements/action-tracking";
import { ReceivedByEmail } from "@/components/statements/received-by-email";
import { StatementForm } from "@/components/statements/statement-form";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { receivedByMail } from "@/server/inbound/original-message";
import { statementFormContext } from "@/server/statements/form-context";
import { initialFromRow } from "@/server/statements/form-initial";
import { relatedStatementOptions } from "@/server/statements/related-search";
import { loadStatementPage, statementTitle } from "../load-statement";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return statementTitle((await params).id, "Edit: ");
}

export default async function EditStatementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/statements/${id}/edit`)}`);
  const groups = await loadGroupIndex();
  const page = await loadStatementPage(id);
  if (!page) notFound();
  if (!page.permissions.edit) forbidden();
  const context = await statementFormContext(actor, groups, page.row.direction);
  // Keep the statement's own groups selectable even where the editor's roles would not offer them.
  for (const side of ["from", "to"] as const) {
    for (const link of page.row.groups.filter((g) => g.side === side)) {
      if (!context[side].some((c) => c.id === link.groupId)) {
        context[side].push({
          id: link.groupId,
          acronym: link.group.acronym,
          name: link.group.name,
          contacts: [],
          liaisonContact: null,
        });
      }
    }
  }
  const initial = initialFromRow(page.row);
  const received = await receivedByMail(actor, groups, page.row.id);
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Edit: {page.row.title}</h1>
      {received ? (
        <ReceivedByEmail view={{ statementId: page.row.id, ...received }} showFields={page.row.state === "draft"} />
      ) : null}
      {page.row.state === "posted" ? (
        <p role="note" className="text-amber-800">
          This statement is posted: every change is recorded in its public history.
        </p>
      ) : null}
      {page.row.attachments.some((a) => !a.removedAt) ? (
        <section aria-labelledby="current-attachments" className="space-y-2 text-sm">
          <h2 id="current-attachments" className="text-lg font-semibold">
            Current attachments
          </h2>
          <p className="text-slate-600">
            Removing an attachment hides it; it is kept and the removal is recorded in the history.
          </p>
          <ul className="space-y-2">
            {page.row.attachments
              .filter((a) => !a.removedAt)
              .map((a) => (
                <li key={a.id} className="flex flex-wrap items-center gap-3">
                  <span>
                    {a.title} ({a.filename})
                  </span>
                  <RemoveAttachmentButton id={page.row.id} attachmentId={a.id} title={a.title} />
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      <StatementForm
        context={context}
        initial={initial}
        respondsToOptions={await relatedStatementOptions(actor, groups, initial.respondsTo)}
        isPosted={page.row.state === "posted"}
      />
    </div>
  );
}
