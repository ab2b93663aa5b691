"use client";

import { useEffect, useRef, useState } from "react";
import { type ComboOption, MultiCombobox } from "@/components/forms/multi-combobox";
import { type RelatedStatementOption, relatedDetail } from "@/lib/related-statement";

const asOption = (o: RelatedStatementOption): ComboOption => ({
  value: String(o.id),
  label: o.title,
  detail: relatedDetail(o),
});

/** Answers of GET /statements/lookup for this page's life: retyping a word asks the server once. */
const answers = new Map<string, RelatedStatementOption[]>();

async function lookup(q: string, signal: AbortSignal): Promise<RelatedStatementOption[]> {
  const key = q.trim().toLowerCase();
  const known = answers.get(key);
  if (known) return known;
  const response = await fetch(`/statements/lookup?q=${encodeURIComponent(key)}`, {
    signal,
    credentials: "same-origin",
  });
  if (!response.ok) throw new Error(`lookup answered ${response.status}`);
  const { results } = (await response.json()) as { results: RelatedStatementOption[] };
  answers.set(key, results);
  return results;
}

/**
 * "In response to" (and Withdraw's "Replaced by", `name="replacedBy"`). With JavaScript: a search-as-you-type combobox over GET /statements/lookup (the
 * statements this person may see). Without: the chosen statements as checkboxes and a "Find statements"
 * button that posts the form (intent=find) and comes back with the matches, every typed value kept; each
 * listed statement rides along in a hidden field so its title survives the round trip (ADR 020).
 */
export function RelatedStatementPicker({
  name = "respondsTo",
  label = "In response to",
  hint = "Required for “In response”. Type words of the title, an identifier (e.g. SP-240987) or a date (2025-01).",
  fallbackHint = "Required for “In response”. Find statements by words of the title, an identifier or a date, then tick them.",
  known,
  chosen,
  matches,
  query,
  error,
}: {
  /** the field's name; its no-JavaScript search posts `${name}Query` and carries `${name}Option` */
  name?: "respondsTo" | "replacedBy";
  label?: string;
  /** under the combobox (with JavaScript) */
  hint?: string;
  /** under the checkboxes and the Find button (without JavaScript) */
  fallbackHint?: string;
  /** every statement whose title the form knows (the chosen ones among them) */
  known: RelatedStatementOption[];
  chosen: number[];
  /** the no-JavaScript search's matches, after a "Find statements" */
  matches: RelatedStatementOption[] | null;
  query: string;
  error?: string;
}) {
  const id = `field-${name}`;
  const queryId = `field-${name}Query`;
  const fieldset = useRef<HTMLFieldSetElement>(null);
  const [enhancedFrom, setEnhancedFrom] = useState<number[] | null>(null);
  const [options, setOptions] = useState<RelatedStatementOption[]>([]);
  const [busy, setBusy] = useState(false);
  const pending = useRef<{ timer?: ReturnType<typeof setTimeout>; abort?: AbortController }>({});
  useEffect(() => {
    const boxes = fieldset.current?.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`);
    setEnhancedFrom(Array.from(boxes ?? []).map((b) => Number(b.value)));
  }, [name]);
  useEffect(() => () => clearTimeout(pending.current.timer), []);

  const byId = new Map([...known, ...(matches ?? [])].map((o) => [o.id, o]));

  if (enhancedFrom) {
    const search = (text: string) => {
      clearTimeout(pending.current.timer);
      pending.current.abort?.abort();
      setBusy(true);
      pending.current.timer = setTimeout(
        () => {
          const abort = new AbortController();
          pending.current.abort = abort;
          lookup(text, abort.signal)
            .then((results) => {
              setOptions(results);
              setBusy(false);
            })
            .catch((e: unknown) => {
              if ((e as Error).name === "AbortError") return;
              setOptions([]);
              setBusy(false);
            });
        },
        answers.has(text.trim().toLowerCase()) ? 0 : 200,
      );
    };
    return (
      <MultiCombobox
        id={id}
        name={name}
        label={label}
        hint={hint}
        error={error}
        noun="statement"
        options={options.map(asOption)}
        initial={enhancedFrom.flatMap((s) => {
          const o = byId.get(s);
          return [o ? asOption(o) : { value: String(s), label: `Statement ${s}` }];
        })}
        onTextChange={search}
        busy={busy}
        single={name === "replacedBy"}
        emptyText="No statement you may see matches these words."
      />
    );
  }

  const listed = [
    ...chosen.map(
      (s) =>
        byId.get(s) ?? {
          id: s,
          title: `Statement ${s}`,
          date: "",
          state: "posted" as const,
          direction: "incoming" as const,
          otherIdentifiers: [],
        },
    ),
    ...(matches ?? []).filter((o) => !chosen.includes(o.id)),
  ];
  return (
    <fieldset
      ref={fieldset}
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
    >
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {fallbackHint}
      </p>
      {listed.length > 0 ? (
        <ul className="mt-2 space-y-1">
          {listed.map((o) => (
            <li key={o.id}>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name={name}
                  value={o.id}
                  defaultChecked={chosen.includes(o.id)}
                  className="mt-1"
                />
                <span>
                  {o.title}
                  {o.date ? <span className="block text-xs text-slate-600">{relatedDetail(o)}</span> : null}
                </span>
              </label>
              <input type="hidden" name={`${name}Option`} value={JSON.stringify(o)} />
            </li>
          ))}
        </ul>
      ) : null}
      {matches && matches.length === 0 ? (
        <p role="status" className="mt-2 text-sm text-slate-700">
          No statement you may see matches “{query}”.
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={queryId} className="block text-sm text-slate-800">
            Find a statement
          </label>
          <input
            id={queryId}
            type="search"
            name={`${name}Query`}
            defaultValue={query}
            maxLength={200}
            // After a search the page comes back at the top: bring the visitor back to the matches.
            // biome-ignore lint/a11y/noAutofocus: only after the visitor's own "Find statements" reloaded the page
            autoFocus={matches !== null}
            aria-describedby={`${queryId}-hint`}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
          />
        </div>
        <button
          type="submit"
          name="intent"
          value="find"
          className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50"
        >
          Find statements
        </button>
      </div>
      <p id={`${queryId}-hint`} className="mt-1 text-xs text-slate-600">
        {name === "respondsTo"
          ? "Searching reloads the form with everything you typed; files chosen below are not kept, so choose them last."
          : "Searching reloads the form with everything you typed."}
      </p>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
