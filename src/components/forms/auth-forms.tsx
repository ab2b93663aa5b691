"use client";

import { useActionState } from "react";
import {
  confirmLink,
  forgotPassword,
  requestLink,
  setNewPassword,
  signInWithPassword,
  signOutEverywhereAction,
} from "@/actions/auth";
import { type FormState, formValue, IDLE } from "@/lib/form-state";
import { ErrorSummary, SubmitButton, SuccessMessage, TextField } from "./fields";

const LABELS = { email: "E-mail", password: "Password", confirm: "Repeat the password" };

export function PasswordSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(signInWithPassword, IDLE);
  return (
    <form action={action} className="space-y-4" noValidate>
      <ErrorSummary state={state} labels={LABELS} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField name="email" label="E-mail" type="email" autoComplete="username" state={state} required />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        state={state}
        required
      />
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </form>
  );
}

/**
 * The link form shares /sign-in with the password form, whose TextField already owns the id `field-email`.
 * A second element with that id would leave this field without a label (label[for] finds the first one) and
 * point the error summary at the other form, so this field and its summary entry use their own id.
 */
const LINK_EMAIL_KEY = "link-email";

function withLinkEmailKey(state: FormState): FormState {
  const { email, ...rest } = state.fieldErrors ?? {};
  return email === undefined ? state : { ...state, fieldErrors: { ...rest, [LINK_EMAIL_KEY]: email } };
}

function LinkEmailField({ state }: { state: FormState }) {
  const id = `field-${LINK_EMAIL_KEY}`;
  const error = state.fieldErrors?.email;
  const value = formValue(state, "email");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        E-mail<span className="text-red-700"> *</span>
      </label>
      <input
        id={id}
        name="email"
        type="email"
        autoComplete="username"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        defaultValue={value}
        key={value}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:border-red-600"
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function SignInLinkForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(requestLink, IDLE);
  return (
    <form action={action} className="space-y-4" noValidate>
      <ErrorSummary state={withLinkEmailKey(state)} labels={{ ...LABELS, [LINK_EMAIL_KEY]: LABELS.email }} />
      <SuccessMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <LinkEmailField state={state} />
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

export function NewPasswordForm({
  email,
  token,
  purpose,
}: {
  email: string;
  token: string;
  purpose: "reset" | "invite";
}) {
  const [state, action] = useActionState(setNewPassword, IDLE);
  return (
    <form action={action} className="space-y-4" noValidate>
      <ErrorSummary state={state} labels={LABELS} />
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="purpose" value={purpose} />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        state={state}
        hint="At least 10 characters."
        required
      />
      <TextField
        name="confirm"
        label="Repeat the password"
        type="password"
        autoComplete="new-password"
        state={state}
        required
      />
      <SubmitButton pendingText="Saving…">Set password</SubmitButton>
    </form>
  );
}

/** /account: ends every session of the person (this browser's too); the confirmation is on /signed-out. */
export function SignOutEverywhereForm() {
  const [state, action] = useActionState(signOutEverywhereAction, IDLE);
  return (
    <form action={action} className="space-y-2">
      <SubmitButton variant="secondary" pendingText="Signing out everywhere…">
        Sign out everywhere
      </SubmitButton>
      <p className="max-w-xs text-xs text-slate-600">
        Ends every session of your account, on every device, this one included.
      </p>
      {state.status === "error" ? <p role="alert">{state.message}</p> : null}
    </form>
  );
}
