"use client";

import { type ReactNode, useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";
import { type FormState, formValue } from "@/lib/form-state";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:border-red-600";

/** The summary at the top of a rejected form (docs/domain.md: role="alert", names each bad field). */
export function ErrorSummary({ state, labels }: { state: FormState; labels?: Record<string, string> }) {
  const summary = useRef<HTMLDivElement>(null);
  // After a rejected submit the button keeps focus at the bottom of the form: move it (and the view) to the
  // summary, so the visitor reads what to fix. Each answer is a new state object, so a second failure too.
  useEffect(() => {
    if (state.status === "error") summary.current?.focus();
  }, [state]);
  if (state.status !== "error") return null;
  const fields = Object.entries(state.fieldErrors ?? {});
  return (
    <div
      ref={summary}
      role="alert"
      tabIndex={-1}
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"
    >
      <p className="font-medium">{state.message ?? "The form could not be saved."}</p>
      {fields.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {fields.map(([name, message]) => (
            <li key={name}>
              <a
                href={`#field-${name}`}
                className="text-red-900"
                onClick={(event) => {
                  // Following the link only scrolls; the field should also take focus.
                  const field = document.getElementById(`field-${name}`);
                  if (!field) return;
                  event.preventDefault();
                  field.focus();
                  field.scrollIntoView({ block: "center" });
                }}
              >
                {labels?.[name] ?? name}: {message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function SuccessMessage({ state }: { state: FormState }) {
  if (state.status !== "success" || !state.message) return null;
  return (
    <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
      {state.message}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  state: FormState;
  defaultValue?: string;
  hint?: ReactNode;
  required?: boolean;
}

/** A labelled input whose error is tied to it with aria-invalid and aria-describedby. */
export function TextField({
  name,
  label,
  state,
  defaultValue = "",
  hint,
  required,
  type = "text",
  autoComplete,
  multiline,
  rows = 4,
}: FieldProps & { type?: string; autoComplete?: string; multiline?: boolean; rows?: number }) {
  const error = state.fieldErrors?.[name];
  const id = `field-${name}`;
  const describedBy = describedByOf(id, error, hint);
  const value = type === "password" ? "" : formValue(state, name, defaultValue);
  const common = {
    id,
    name,
    required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    className: inputClass,
  };
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error}>
      {multiline ? (
        <textarea {...common} rows={rows} defaultValue={value} key={value} />
      ) : (
        <input {...common} type={type} autoComplete={autoComplete} defaultValue={value} key={value} />
      )}
    </FieldFrame>
  );
}

/** `aria-describedby` of a field with this id: its error, then its hint. */
export function describedByOf(id: string, error?: string, hint?: ReactNode): string | undefined {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

/** The label (with its required mark), hint and error around one control whose id is `id`. */
export function FieldFrame({
  id,
  label,
  required,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required ? (
          <span aria-hidden="true" className="text-red-700">
            {" "}
            *
          </span>
        ) : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A submit button that shows the pending state while the action runs. */
export function SubmitButton({
  children,
  pendingText,
  name,
  value,
  variant = "primary",
}: {
  children: ReactNode;
  pendingText?: string;
  name?: string;
  value?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const { pending } = useFormStatus();
  const styles = {
    primary: "bg-brand-700 text-white hover:bg-brand-800",
    secondary: "border border-slate-300 bg-white text-slate-900 hover:bg-slate-50",
    danger: "bg-red-700 text-white hover:bg-red-800",
  }[variant];
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      aria-disabled={pending}
      className={`rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60 ${styles}`}
    >
      {pending ? (pendingText ?? "Working…") : children}
    </button>
  );
}
