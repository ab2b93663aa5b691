"use client";

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
                    onChange?.(Array.from(boxes ?? []).map((b) => Number(b.value)));
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
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
