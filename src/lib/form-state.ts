// The typed result every server action returns to its form (STYLE.md): a failed submit carries the
// values back so the form re-renders filled in, and one message per bad field.

import type { RelatedStatementOption } from "./related-statement";

export type FormValues = Record<string, string | string[]>;

export interface FormState {
  status: "idle" | "success" | "error";
  code?: string;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: FormValues;
  /** after a success: the page to go to next */
  redirectTo?: string;
  /** the statement form's "Find statements" (no JavaScript): the statements matching its words (ADR 020) */
  related?: RelatedStatementOption[];
}

export const IDLE: FormState = { status: "idle" };

/** A value of the re-rendered form: what was submitted after a failure, else the default. */
export function formValue(state: FormState | undefined, name: string, fallback = ""): string {
  const value = state?.values?.[name];
  if (value === undefined) return fallback;
  return Array.isArray(value) ? value.join("\n") : value;
}

export function formValues(state: FormState | undefined, name: string, fallback: string[] = []): string[] {
  const value = state?.values?.[name];
  if (value === undefined) return fallback;
  return Array.isArray(value) ? value : [value];
}
