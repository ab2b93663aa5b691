import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signOut } from "@/actions/auth";
import { SignOutEverywhereForm } from "@/components/forms/auth-forms";
import { currentActor } from "@/server/auth/actor";
import { describeRoles } from "@/server/auth/describe-roles";
import { loadGroupIndex } from "@/server/authz/load";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in?callbackUrl=/account");
  const [roles, params] = await Promise.all([loadGroupIndex().then((g) => describeRoles(actor, g)), searchParams]);
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">{actor.name}</h1>
      {params.password === "changed" ? (
        <p role="status">Your password was changed; other sessions were signed out.</p>
      ) : null}
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600">E-mail</dt>
        <dd>{actor.email}</dd>
        <dt className="font-medium text-slate-600">Roles</dt>
        <dd>
          {roles.length ? (
            <ul>
              {roles.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            "No roles: you can browse and read, but not enter statements."
          )}
        </dd>
      </dl>
      <div className="flex flex-wrap items-start gap-4">
        <form action={signOut}>
          <button type="submit" className="rounded-md border border-slate-300 px-4 py-2 text-sm">
            Sign out
          </button>
        </form>
        <SignOutEverywhereForm />
      </div>
    </div>
  );
}
