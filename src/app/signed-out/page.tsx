import type { Metadata } from "next";
import Link from "@/components/link";

export const metadata: Metadata = { title: "Signed out everywhere" };

/** Where "Sign out everywhere" (/account) leads: the confirmation, on a page that needs no session. */
export default function SignedOutPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Signed out everywhere</h1>
      <p role="status">
        Every session of your account has ended, in this browser and on every other device. Anyone using one of them has
        to sign in again.
      </p>
      <p>
        <Link href="/sign-in">Sign in again</Link>
      </p>
    </div>
  );
}
