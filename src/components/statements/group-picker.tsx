"use client";

import { useEffect, useRef, useState } from "react";
import { type ComboOption, MultiCombobox } from "@/components/forms/multi-combobox";
import type { GroupChoice } from "@/server/statements/form-context";

const asOption = (g: GroupChoice): ComboOption => ({ value: String(g.id), label: g.name, detail: g.acronym });

/**
 * From / To. Without JavaScript: a fieldset of checkboxes, the chosen groups first (an edited statement's
 * groups are in sight). With it: a type-to-filter combobox with chips (ADR 020) that writes the same field,
 * starting from whatever boxes were ticked before the scripts arrived.
 */
export function GroupPicker({
  name,
  legend,
  choices,
  selected,
  error,
  onChange,
}: {
  name: string;
  legend: string;
  choices: GroupChoice[];
  selected: number[];
  error?: string;
  onChange?: (ids: number[]) => void;
}) {
  const id = `field-${name}`;
  const fieldset = useRef<HTMLFieldSetElement>(null);
  // The chosen groups' liaison pages (issue 15, section 6), in a new tab so the form keeps what was typed.
  const [chosen, setChosen] = useState(selected);
  const pages = choices.filter((g) => chosen.includes(g.id));
  const pageLinks = pages.length ? (
    <p className="mt-1 text-xs text-slate-600">
      Liaison {pages.length === 1 ? "page" : "pages"}:{" "}
      {pages.map((g, i) => (
        <span key={g.id}>
          {i > 0 ? ", " : ""}
          <a href={`/directory/${g.acronym}`} target="_blank" rel="noopener">
            {g.acronym}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        </span>
      ))}
    </p>
  ) : null;
  const [enhancedFrom, setEnhancedFrom] = useState<number[] | null>(null);
  useEffect(() => {
    const boxes = fieldset.current?.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`);
    setEnhancedFrom(Array.from(boxes ?? []).map((b) => Number(b.value)));
  }, [name]);

  if (enhancedFrom && choices.length > 0) {
    const byId = new Map(choices.map((g) => [g.id, g]));
    return (
      <div>
        <MultiCombobox
          id={id}
          name={name}
          label={legend}
          required
          hint="Type an acronym or a name; Enter adds the highlighted group."
          error={error}
          noun="group"
          options={choices.map(asOption)}
          initial={enhancedFrom.flatMap((g) => {
            const choice = byId.get(g);
            return choice ? [asOption(choice)] : [];
          })}
          onChange={(values) => {
            const ids = values.map(Number);
            setChosen(ids);
            onChange?.(ids);
          }}
        />
        {pageLinks}
      </div>
    );
  }
  const ordered = [
    ...choices.filter((g) => selected.includes(g.id)),
    ...choices.filter((g) => !selected.includes(g.id)),
  ];
  return (
    <fieldset
      ref={fieldset}
      id={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="text-sm font-medium text-slate-800">
        {legend}
        <span aria-hidden="true" className="text-red-700">
          {" "}
          *
        </span>
      </legend>
      <div className="mt-1 max-h-56 overflow-y-auto rounded-md border border-slate-300 p-2">
        {choices.length === 0 ? <p className="text-sm text-slate-600">Your roles offer no groups here.</p> : null}
        <ul className="grid gap-1 sm:grid-cols-2">
          {ordered.map((g) => (
            <li key={g.id}>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name={name}
                  value={g.id}
                  defaultChecked={selected.includes(g.id)}
                  className="mt-1"
                  onChange={(e) => {
                    const boxes = e.currentTarget.form?.querySelectorAll<HTMLInputElement>(
                      `input[name="${name}"]:checked`,
                    );
                    const ids = Array.from(boxes ?? []).map((b) => Number(b.value));
                    setChosen(ids);
                    onChange?.(ids);
                  }}
                />
                <span>
                  {g.name} <span className="font-mono text-xs text-slate-500">{g.acronym}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </div>
      {pageLinks}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
