import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { RecordFromEmail } from "@/components/statements/record-from-email";
import { StatementForm } from "@/components/statements/statement-form";
import { env } from "@/env";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { statementFormContext } from "@/server/statements/form-context";
import { emptyInitial } from "@/server/statements/form-initial";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const incoming = (await searchParams).direction === "incoming";
  return { title: incoming ? "Record an incoming statement" : "New outgoing statement" };
}

export default async function NewStatementPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const direction = params.direction === "incoming" ? "incoming" : "outgoing";
  const actor = await currentActor();
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/statements/new?direction=${direction}`)}`);
  const context = await statementFormContext(actor, await loadGroupIndex(), direction);
  if (context.from.length === 0 || context.to.length === 0) forbidden();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">
        {direction === "incoming" ? "Record an incoming statement" : "New outgoing statement"}
      </h1>
      <p className="max-w-3xl text-slate-700">
        {direction === "incoming"
          ? "Record a statement received from another body. Posting publishes it at once and mails it to the IETF recipients."
          : "Save a draft to preview the exact mail, then submit it for approval by the responsible AD or chair."}
      </p>
      {direction === "incoming" ? <RecordFromEmail maxMb={env().inbound.maxMessageBytes / 1024 / 1024} /> : null}
      <StatementForm
        context={context}
        initial={{
          ...emptyInitial(),
          receivedOn: direction === "incoming" ? new Date().toISOString().slice(0, 10) : "",
        }}
      />
    </div>
  );
}
