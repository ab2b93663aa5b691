import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasswordSignInForm, SignInLinkForm } from "@/components/forms/auth-forms";
import Link from "@/components/link";
import { env } from "@/env";
import { currentActor } from "@/server/auth/actor";
import { datatrackerErrorMessage } from "@/server/auth/datatracker/errors";
import { safeCallbackPath } from "@/server/auth/email-links";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await currentActor()) redirect(callbackUrl);
  const datatrackerError = datatrackerErrorMessage(typeof params.error === "string" ? params.error : undefined);
  return (
    <div className="mx-auto max-w-md space-y-8">
      <h1 className="text-3xl font-semibold tracking-tight">Sign in</h1>
      {datatrackerError ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {datatrackerError}
        </p>
      ) : null}
      {env().oidc ? (
        <section aria-labelledby="with-datatracker" className="space-y-4">
          <h2 id="with-datatracker" className="text-lg font-semibold">
            With your IETF Datatracker account
          </h2>
          {/*
            A plain link, not a form: the route answers with a redirect to the Datatracker, and the CSP's
            form-action 'self' (src/proxy.ts) would stop a form from following it to another origin.
          */}
          <a
            href={`/sign-in/datatracker?callbackUrl=${encodeURIComponent(callbackUrl)}`}
            className="inline-block rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 no-underline hover:bg-slate-50"
          >
            Sign in with IETF Datatracker
          </a>
        </section>
      ) : null}
      <section
        aria-labelledby="with-password"
        className={env().oidc ? "space-y-4 border-t border-slate-200 pt-6" : "space-y-4"}
      >
        <h2 id="with-password" className="text-lg font-semibold">
          With your password
        </h2>
        <PasswordSignInForm callbackUrl={callbackUrl} />
        <p className="text-sm">
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      </section>
      <section aria-labelledby="with-link" className="space-y-4 border-t border-slate-200 pt-6">
        <h2 id="with-link" className="text-lg font-semibold">
          Or with a link sent by e-mail
        </h2>
        <SignInLinkForm callbackUrl={callbackUrl} />
      </section>
    </div>
  );
}
