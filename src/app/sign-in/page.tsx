import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PasswordSignInForm, SignInLinkForm } from "@/components/forms/auth-forms";
import { currentActor } from "@/server/auth/actor";
import { safeCallbackPath } from "@/server/auth/email-links";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  if (await currentActor()) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-md space-y-8">
      <h1 className="text-3xl font-semibold tracking-tight">Sign in</h1>
      <section aria-labelledby="with-password" className="space-y-4">
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
