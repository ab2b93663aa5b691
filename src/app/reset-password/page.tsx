import type { Metadata } from "next";
import { NewPasswordForm } from "@/components/forms/auth-forms";
import Link from "@/components/link";
import { isTokenValid } from "@/server/auth/tokens";

export const metadata: Metadata = { title: "Choose a password" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const email = typeof params.email === "string" ? params.email.toLowerCase() : "";
  const token = typeof params.token === "string" ? params.token : "";
  const purpose = params.purpose === "invite" ? "invite" : "reset";
  const valid = email && token ? await isTokenValid(purpose, email, token) : false;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">
        {purpose === "invite" ? "Welcome — choose a password" : "Choose a new password"}
      </h1>
      {valid ? (
        <>
          <p>For {email}. Choosing a password signs you in and ends your other sessions.</p>
          <NewPasswordForm email={email} token={token} purpose={purpose} />
        </>
      ) : (
        <p role="alert">
          This link is invalid, was already used, or has expired. <Link href="/forgot-password">Ask for a new one</Link>
          .
        </p>
      )}
    </div>
  );
}
