"use client";

import { useActionState } from "react";
import { confirmLink, forgotPassword, requestLink, setNewPassword, signInWithPassword } from "@/actions/auth";
import { IDLE } from "@/lib/form-state";
import { ErrorSummary, SubmitButton, SuccessMessage, TextField } from "./fields";

const LABELS = { email: "E-mail", password: "Password", confirm: "Repeat the password" };

export function PasswordSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(signInWithPassword, IDLE);
  return (
    <form action={action} className="space-y-4" noValidate>
      <ErrorSummary state={state} labels={LABELS} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField name="email" label="E-mail" type="email" autoComplete="username" state={state} required />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" state={state} required />
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </form>
  );
}

export function SignInLinkForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(requestLink, IDLE);
  return (
    <form action={action} className="space-y-4" noValidate>
      <ErrorSummary state={state} labels={LABELS} />
      <SuccessMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField name="email" label="E-mail" type="email" autoComplete="username" state={state} required />
      <SubmitButton variant="secondary" pendingText="Sending…">
        Send me a sign-in link
      </SubmitButton>
    </form>
  );
}

export function ConfirmLinkForm({ email, token, callbackUrl }: { email: string; token: string; callbackUrl: string }) {
  const [state, action] = useActionState(confirmLink, IDLE);
  return (
    <form action={action} className="space-y-4">
      <ErrorSummary state={state} />
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <SubmitButton pendingText="Signing in…">Continue as {email}</SubmitButton>
    </form>
  );
}

export function ForgotPasswordForm() {
  const [state, action] = useActionState(forgotPassword, IDLE);
  return (
    <form action={action} className="space-y-4" noValidate>
      <ErrorSummary state={state} labels={LABELS} />
      <SuccessMessage state={state} />
      <TextField name="email" label="E-mail" type="email" autoComplete="username" state={state} required />
      <SubmitButton pendingText="Sending…">Send reset link</SubmitButton>
    </form>
  );
}

export function NewPasswordForm({ email, token, purpose }: { email: string; token: string; purpose: "reset" | "invite" }) {
  const [state, action] = useActionState(setNewPassword, IDLE);
  return (
    <form action={action} className="space-y-4" noValidate>
      <ErrorSummary state={state} labels={LABELS} />
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="purpose" value={purpose} />
      <TextField name="password" label="Password" type="password" autoComplete="new-password" state={state} hint="At least 10 characters." required />
      <TextField name="confirm" label="Repeat the password" type="password" autoComplete="new-password" state={state} required />
      <SubmitButton pendingText="Saving…">Set password</SubmitButton>
    </form>
  );
}
