"use client";

import { useState } from "react";
import type { GroupChoice } from "@/server/statements/form-context";

/** A fieldset of checkboxes: the legend is the field's name (From / To), each box labelled by the group. */
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
  // The chosen groups' liaison pages (issue 15, section 6), in a new tab so the form keeps what was typed.
  const [chosen, setChosen] = useState(selected);
  const pages = choices.filter((g) => chosen.includes(g.id));
  return (
    <fieldset id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">
        {legend}
        <span aria-hidden="true" className="text-red-700"> *</span>
      </legend>
      <div className="mt-1 max-h-56 overflow-y-auto rounded-md border border-slate-300 p-2">
        {choices.length === 0 ? <p className="text-sm text-slate-600">Your roles offer no groups here.</p> : null}
        <ul className="grid gap-1 sm:grid-cols-2">
          {choices.map((g) => (
            <li key={g.id}>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name={name}
                  value={g.id}
                  defaultChecked={selected.includes(g.id)}
                  className="mt-1"
                  onChange={(e) => {
                    const boxes = e.currentTarget.form?.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`);
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
      {pages.length ? (
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
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
