import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/forms/auth-forms";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Forgot your password?</h1>
      <p>Enter your address; we will mail you a link to choose a new password.</p>
      <ForgotPasswordForm />
    </div>
  );
}
