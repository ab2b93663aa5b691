"use client";

import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";

/** One choice of a MultiCombobox: `label` names it (chip, "Remove …"), `detail` is a second line to match and read. */
export interface ComboOption {
  value: string;
  label: string;
  detail?: string;
}

/** How many matches the list renders at once; the rest are reached by typing more. */
const MAX_SHOWN = 50;

/** Options whose label or detail contains every typed word; labels starting with the text first. */
export function filterOptions(options: readonly ComboOption[], text: string): ComboOption[] {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...options];
  const hay = (o: ComboOption) => `${o.label} ${o.detail ?? ""}`.toLowerCase();
  const matches = options.filter((o) => words.every((w) => hay(o).includes(w)));
  const first = words.join(" ");
  const rank = (o: ComboOption) =>
    o.label.toLowerCase().startsWith(first) || (o.detail ?? "").toLowerCase().startsWith(first) ? 0 : 1;
  return matches
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map(({ o }) => o);
}

/**
 * A multi-select combobox (WAI-ARIA APG "combobox with listbox popup"): type to filter, Arrow keys move through
 * the options, Enter (or a click) adds or removes the active one, Escape closes the list (or clears the text),
 * Backspace in the empty field removes the last choice; choices show as chips with a "Remove …" button. It
 * writes one hidden input `name=value` per choice, the same fields as the no-JavaScript control it replaces.
 * `options` are filtered here unless `onTextChange` is given (the caller then searches and passes matches).
 */
export function MultiCombobox({
  id,
  name,
  label,
  required,
  hint,
  error,
  options,
  initial,
  placeholder,
  emptyText = "No match. Try fewer or other words.",
  noun = "choice",
  onChange,
  onTextChange,
  busy,
  single = false,
}: {
  /** the text field's id (error summary links point at it) */
  id: string;
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  options: readonly ComboOption[];
  initial: readonly ComboOption[];
  placeholder?: string;
  emptyText?: string;
  /** what one option is called in announcements ("group", "statement") */
  noun?: string;
  onChange?: (values: string[]) => void;
  onTextChange?: (text: string) => void;
  busy?: boolean;
  /** one choice at most ("Replaced by"): choosing replaces it and closes the list, so nothing stays over the form */
  single?: boolean;
}) {
  const base = useId();
  const listId = `${base}-list`;
  const labelId = `${base}-label`;
  const [chosen, setChosen] = useState<ComboOption[]>([...initial]);
  const [text, setText] = useState("");
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);

  const matches = onTextChange ? [...options] : filterOptions(options, text);
  const shown = matches.slice(0, MAX_SHOWN);
  const isListShown = isOpen && shown.length > 0;
  const activeIndex = Math.min(active, shown.length - 1);
  const activeOption = isListShown ? shown[activeIndex] : undefined;
  const optionId = (o: ComboOption) => `${base}-opt-${o.value}`;
  const isChosen = (o: ComboOption) => chosen.some((c) => c.value === o.value);

  useEffect(() => {
    if (!activeOption) return;
    document.getElementById(optionId(activeOption))?.scrollIntoView?.({ block: "nearest" });
  });

  const update = (next: ComboOption[]) => {
    setChosen(next);
    onChange?.(next.map((c) => c.value));
  };
  const toggle = (o: ComboOption) => {
    if (single) {
      update(isChosen(o) ? [] : [o]);
      setOpen(false);
    } else update(isChosen(o) ? chosen.filter((c) => c.value !== o.value) : [...chosen, o]);
    if (text) changeText("");
  };
  const changeText = (value: string) => {
    setText(value);
    setActive(0);
    onTextChange?.(value);
  };
  const open = () => {
    if (!isOpen) onTextChange?.(text);
    setOpen(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!isOpen || event.altKey) open();
        else setActive((i) => Math.min(i + 1, Math.max(shown.length - 1, 0)));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!isOpen) open();
        else setActive((i) => Math.max(i - 1, 0));
        break;
      case "Enter":
        // Never submits the form from here: Enter picks.
        if (isOpen || text) event.preventDefault();
        if (activeOption) toggle(activeOption);
        break;
      case "Escape":
        if (isOpen) {
          event.preventDefault();
          setOpen(false);
        } else if (text) {
          event.preventDefault();
          changeText("");
        }
        break;
      case "Backspace":
        if (text === "" && chosen.length > 0) {
          event.preventDefault();
          update(chosen.slice(0, -1));
        }
        break;
      case "Tab":
        setOpen(false);
        break;
    }
  };

  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const status = !isOpen
    ? ""
    : busy
      ? "Searching…"
      : matches.length === 0
        ? emptyText
        : `${matches.length === 1 ? `1 ${noun}` : `${matches.length} ${noun}s`}${matches.length > shown.length ? `, the first ${shown.length} shown` : ""}.`;

  return (
    <fieldset className="combobox">
      <legend id={labelId} className="text-sm font-medium text-slate-800">
        {label}
        {required ? (
          <span aria-hidden="true" className="text-red-700">
            {" "}
            *
          </span>
        ) : null}
      </legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {chosen.length > 0 ? (
        <ul aria-label={`Chosen: ${label}`} className="mt-1 flex flex-wrap gap-2">
          {chosen.map((c) => (
            <li
              key={c.value}
              className="flex max-w-full items-center gap-1 rounded-full border border-brand-600 bg-brand-50 py-0.5 pl-3 pr-1 text-sm text-slate-900"
            >
              <span className="min-w-0 break-words">{c.label}</span>
              <button
                type="button"
                aria-label={`Remove ${c.label}`}
                onClick={() => {
                  update(chosen.filter((x) => x.value !== c.value));
                  input.current?.focus();
                }}
                className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-slate-700 hover:bg-brand-100"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="relative">
        <input
          ref={input}
          id={id}
          aria-labelledby={labelId}
          type="text"
          role="combobox"
          aria-expanded={isListShown}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption ? optionId(activeOption) : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          placeholder={placeholder}
          value={text}
          onChange={(e) => {
            changeText(e.target.value);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onClick={open}
          onFocus={open}
          onBlur={() => setOpen(false)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600"
        />
        <div
          ref={list}
          id={listId}
          role="listbox"
          aria-multiselectable={single ? undefined : true}
          aria-label={label}
          hidden={!isListShown}
          className="absolute z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
        >
          {shown.map((o, i) => (
            // The text field keeps focus (aria-activedescendant); a click must not move it (mousedown).
            // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard users pick with Enter in the combobox
            // biome-ignore lint/a11y/useFocusableInteractive: options are reached by aria-activedescendant, not Tab
            <div
              key={o.value}
              id={optionId(o)}
              role="option"
              aria-selected={isChosen(o)}
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => setActive(i)}
              onClick={() => toggle(o)}
              className={`flex cursor-pointer items-start gap-2 px-3 py-2 ${i === activeIndex ? "bg-brand-100 outline-2 -outline-offset-2 outline-brand-600" : ""}`}
            >
              <span aria-hidden="true" className="w-4 shrink-0 font-semibold text-brand-700">
                {isChosen(o) ? "✓" : ""}
              </span>
              <span className="min-w-0">
                <span className="block break-words text-slate-900">{o.label}</span>
                {o.detail ? <span className="block break-words text-xs text-slate-600">{o.detail}</span> : null}
              </span>
            </div>
          ))}
        </div>
      </div>
      <p role="status" className="sr-only">
        {status}
      </p>
      {chosen.map((c) => (
        <input key={c.value} type="hidden" name={name} value={c.value} />
      ))}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
