import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { StatementForm } from "@/components/statements/statement-form";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { statementFormContext } from "@/server/statements/form-context";
import { initialForReply } from "@/server/statements/form-initial";
import { relatedStatementOptions } from "@/server/statements/related-search";
import { loadStatementPage, statementTitle } from "../load-statement";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return statementTitle((await params).id, "Reply to: ");
}

export default async function ReplyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/statements/${id}/reply`)}`);
  const groups = await loadGroupIndex();
  const page = await loadStatementPage(id);
  if (page?.row.state !== "posted") notFound();
  const direction = page.row.direction === "incoming" ? "outgoing" : "incoming";
  const context = await statementFormContext(actor, groups, direction);
  if (context.from.length === 0 || context.to.length === 0) forbidden();
  const initial = initialForReply(page.row, context);
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Reply to “{page.row.title}”</h1>
      <StatementForm
        context={context}
        initial={initial}
        respondsToOptions={await relatedStatementOptions(actor, groups, initial.respondsTo)}
      />
    </div>
  );
}
