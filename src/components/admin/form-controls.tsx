"use client";

import type { ReactNode } from "react";
import { type FormState, formValue } from "@/lib/form-state";

// Select and checkbox counterparts of components/forms/fields.tsx TextField: a visible label, the submitted
// value kept after a rejected submit, and the error tied to the control (aria-invalid, aria-describedby).

const controlClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:border-red-600";

export interface Option {
  value: string;
  label: string;
}

export interface OptionGroup {
  label: string;
  options: Option[];
}

function described(id: string, error: string | undefined, hint: ReactNode) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function Messages({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function SelectField({
  name,
  label,
  state,
  options,
  groups,
  defaultValue = "",
  empty,
  hint,
  required,
  idPrefix = "field",
}: {
  name: string;
  label: string;
  state: FormState;
  options?: Option[];
  groups?: OptionGroup[];
  defaultValue?: string;
  /** the label of an empty first choice ("— none —"), when the field is optional */
  empty?: string;
  hint?: ReactNode;
  required?: boolean;
  idPrefix?: string;
}) {
  const id = `${idPrefix}-${name}`;
  const error = state.fieldErrors?.[name];
  const value = formValue(state, name, defaultValue);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required ? <span className="text-red-700"> *</span> : null}
      </label>
      <select
        id={id}
        name={name}
        required={required}
        defaultValue={value}
        key={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error, hint)}
        className={controlClass}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

export function CheckboxField({
  name,
  label,
  state,
  defaultChecked = false,
  hint,
  idPrefix = "field",
}: {
  name: string;
  label: string;
  state: FormState;
  defaultChecked?: boolean;
  hint?: ReactNode;
  idPrefix?: string;
}) {
  const id = `${idPrefix}-${name}`;
  const error = state.fieldErrors?.[name];
  // After a rejected submit an unchecked box is simply absent from the echoed values.
  const checked = state.status === "error" && state.values ? state.values[name] === "on" : defaultChecked;
  return (
    <div>
      <div className="flex items-start gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={checked}
          key={String(checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={described(id, error, hint)}
          className="mt-1 h-4 w-4 rounded border-slate-300"
        />
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
      </div>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

/** A text input with suggestions (a datalist), e.g. people as "Name <address>"; works without JavaScript. */
export function SuggestField({
  name,
  label,
  state,
  suggestions,
  hint,
  required,
}: {
  name: string;
  label: string;
  state: FormState;
  suggestions: string[];
  hint?: ReactNode;
  required?: boolean;
}) {
  const id = `field-${name}`;
  const error = state.fieldErrors?.[name];
  const value = formValue(state, name);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required ? <span className="text-red-700"> *</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        list={`${id}-suggestions`}
        autoComplete="off"
        required={required}
        defaultValue={value}
        key={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error, hint)}
        className={controlClass}
      />
      <datalist id={`${id}-suggestions`}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}
