import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { StatementForm } from "@/components/statements/statement-form";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { statementFormContext } from "@/server/statements/form-context";
import { initialFromRow } from "@/server/statements/form-initial";
import { statementPage } from "@/server/statements/queries";

export const metadata: Metadata = { title: "Edit statement" };

export default async function EditStatementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/statements/${id}/edit`)}`);
  const groups = await loadGroupIndex();
  const page = await statementPage(actor, groups, Number(id));
  if (!page) notFound();
  if (!page.permissions.edit) forbidden();
  const context = await statementFormContext(actor, groups, page.row.direction);
  // Keep the statement's own groups selectable even where the editor's roles would not offer them.
  for (const side of ["from", "to"] as const) {
    for (const link of page.row.groups.filter((g) => g.side === side)) {
      if (!context[side].some((c) => c.id === link.groupId)) {
        context[side].push({ id: link.groupId, acronym: link.group.acronym, name: link.group.name, contacts: [], liaisonContact: null });
      }
    }
  }
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Edit: {page.row.title}</h1>
      {page.row.state === "posted" ? <p role="note" className="text-amber-800">This statement is posted: every change is recorded in its public history.</p> : null}
      <StatementForm context={context} initial={initialFromRow(page.row)} isPosted={page.row.state === "posted"} />
    </div>
  );
}
