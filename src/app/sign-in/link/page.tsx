import type { Metadata } from "next";
import { ConfirmLinkForm } from "@/components/forms/auth-forms";
import { safeCallbackPath } from "@/server/auth/email-links";

export const metadata: Metadata = { title: "Sign in with a link" };

// The link in the mail opens this page; the token is only used by the button, so mail scanners that
// follow links do not burn it.
export default async function SignInLinkPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const email = typeof params.email === "string" ? params.email : "";
  const token = typeof params.token === "string" ? params.token : "";
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Sign in with a link</h1>
      {email && token ? (
        <ConfirmLinkForm email={email} token={token} callbackUrl={callbackUrl} />
      ) : (
        <p role="alert">
          This link is incomplete. Copy the whole link from the message, or ask for a new one on the sign-in page.
        </p>
      )}
    </div>
  );
}
