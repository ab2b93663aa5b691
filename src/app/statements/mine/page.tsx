import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import Link from "@/components/link";
import { MyStatementsTable } from "@/components/my-work/my-statements-table";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { mayEnterAny } from "@/server/authz/policy";
import { myStatements, RECENTLY_POSTED_DAYS } from "@/server/my-work/my-statements";

export const metadata: Metadata = { title: "My statements" };

export default async function MyStatementsPage() {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in?callbackUrl=/statements/mine");
  const groups = await loadGroupIndex();
  if (!mayEnterAny(actor, groups, "outgoing") && !mayEnterAny(actor, groups, "incoming")) forbidden();
  const items = await myStatements(actor, groups);
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">My statements</h1>
      <p className="text-slate-700">
        Your drafts and your groups’ drafts, drafts returned to you, yours waiting for approval, yours posted in the
        last {RECENTLY_POSTED_DAYS} days, and the statements not yet public of the relationships you look after — the
        latest change first.
      </p>
      {items.length === 0 ? (
        <p>
          Nothing here yet. <Link href="/statements/new?direction=outgoing">Enter a statement</Link>.
        </p>
      ) : (
        <MyStatementsTable items={items} caption="My statements, latest change first" />
      )}
    </div>
  );
}
