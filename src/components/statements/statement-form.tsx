"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { saveStatementForm } from "@/actions/statements";
import { describedByOf, ErrorSummary, FieldFrame, SubmitButton, TextField } from "@/components/forms/fields";
import { PAST_DEADLINE_QUESTION } from "@/lib/form-questions";
import { type FormState, formValue, formValues, IDLE } from "@/lib/form-state";
import { parseRelatedOption, type RelatedStatementOption } from "@/lib/related-statement";
import type { StatementFormContext } from "@/server/statements/form-context";
import type { StatementFormInitial } from "@/server/statements/form-initial";
import { GroupPicker } from "./group-picker";
import { RelatedStatementPicker } from "./related-statement-picker";

const LABELS: Record<string, string> = {
  from: "From",
  to: "To",
  fromContact: "From-Contact",
  fromLiaisonContact: "From-Liaison-Contact",
  toContact: "To-Contact",
  toLiaisonContact: "To-Liaison-Contact",
  title: "Title",
  purpose: "Purpose",
  deadline: "Deadline",
  body: "Body",
  attachments: "Attachments",
  otherIdentifiers: "Other identifiers",
  respondsTo: "In response to",
  receivedOn: "Date received",
  actingAs: "Acting as",
  onBehalfNote: "Who approved, and how",
};

const unique = (list: string[]) => [...new Map(list.map((m) => [m.toLowerCase(), m])).values()];

/** Pre-fills a contact field from the chosen groups, unless the person has edited it by hand. */
function useAutoContacts(initial: string, contactsOf: (ids: number[]) => string[]) {
  const [value, setValue] = useState(initial);
  const lastAuto = useRef(initial);
  const update = (ids: number[]) => {
    const next = unique(contactsOf(ids)).join("\n");
    setValue((current) => {
      if (current.trim() === "" || current === lastAuto.current) {
        lastAuto.current = next;
        return next;
      }
      return current;
    });
  };
  return [value, setValue, update] as const;
}

export function StatementForm({
  context,
  initial,
  isPosted = false,
  respondsToOptions = [],
}: {
  context: StatementFormContext;
  initial: StatementFormInitial;
  isPosted?: boolean;
  respondsToOptions?: RelatedStatementOption[];
}) {
  const [state, action] = useActionState(saveStatementForm, IDLE);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [uploadState, setUploadState] = useState<FormState | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const s: FormState = uploadState ?? state;
  const v = (name: keyof StatementFormInitial & string) => formValue(s, name, String(initial[name] ?? ""));
  const submittedPurpose = v("purpose");
  const [purpose, setPurpose] = useState(submittedPurpose);
  // React resets a form after its action runs; re-sync what the fields show with the returned values.
  useEffect(() => setPurpose(submittedPurpose), [submittedPurpose]);
  const byId = new Map([...context.from, ...context.to].map((g) => [g.id, g]));
  const contactsOf = (ids: number[]) => ids.flatMap((id) => byId.get(id)?.contacts ?? []);
  const [fromContact, setFromContact, prefillFrom] = useAutoContacts(v("fromContact"), contactsOf);
  const [toContact, setToContact, prefillTo] = useAutoContacts(v("toContact"), contactsOf);
  const [fromLiaison, setFromLiaison] = useState(v("fromLiaisonContact"));
  const [attachmentRows, setAttachmentRows] = useState(hydrated ? 1 : 3);
  const incoming = context.direction === "incoming";
  const err = (name: string) => s.fieldErrors?.[name];
  // A question already answered ("Record it anyway", "The date is correct") stays answered when the form comes
  // back for another reason: dropping the tick asked it again on the next post.
  const confirmed = (name: "confirmPastDeadline" | "confirmReceivedOn") => formValue(s, name) === "yes";
  const showDeadline = !hydrated || purpose === "action";
  const showResponds = !hydrated || purpose === "response" || initial.respondsTo.length > 0;
  const selected = (name: "from" | "to") => formValues(s, name, initial[name].map(String)).map(Number);

  return (
    <form
      action={action}
      className="space-y-6"
      noValidate
      encType="multipart/form-data"
      onSubmit={(event) => {
        // With files chosen, post through XMLHttpRequest so the upload shows its progress; the endpoint
        // runs the same pipeline as the server action. Without files (or JavaScript) the action posts.
        const form = event.currentTarget;
        const files = Array.from(form.querySelectorAll<HTMLInputElement>('input[type="file"]'));
        if (!files.some((input) => (input.files?.length ?? 0) > 0)) {
          setUploadState(null);
          return;
        }
        event.preventDefault();
        if (progress !== null) return;
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        uploadWithProgress(new FormData(form, submitter), setProgress, setUploadState);
      }}
    >
      {progress !== null ? (
        <div role="status" className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm">
          <label htmlFor="upload-progress">Uploading attachments… {progress}%</label>
          <progress id="upload-progress" max={100} value={progress} className="mt-1 block w-full" />
        </div>
      ) : null}
      <ErrorSummary state={s} labels={LABELS} />
      {isPosted ? null : (
        <p className="text-sm text-slate-600">
          “Save draft” needs only a Title and a From group; the other fields marked * are checked when you{" "}
          {incoming ? "post" : "submit"} it.
        </p>
      )}
      <input type="hidden" name="direction" value={context.direction} />
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      {initial.version ? <input type="hidden" name="version" value={initial.version} /> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-label="Sending side" className="space-y-4">
          <GroupPicker
            name="from"
            legend="From"
            choices={context.from}
            selected={selected("from")}
            error={err("from")}
            onChange={(ids) => {
              prefillFrom(ids);
            }}
          />
          <ControlledArea
            name="fromContact"
            label="From-Contact"
            value={fromContact}
            onChange={setFromContact}
            error={err("fromContact")}
            required
            hint="One mailbox per line, e.g. Quentin Hale <chair@example.org>. All of them are copied when it is sent."
          />
          <ControlledInput
            name="fromLiaisonContact"
            label="From-Liaison-Contact"
            value={fromLiaison}
            onChange={setFromLiaison}
            error={err("fromLiaisonContact")}
            hint={
              incoming
                ? "Send Reply to: the address the statement came from."
                : "Send Reply to: usually the liaison manager or the IAB liaison coordination address."
            }
          />
        </section>
        <section aria-label="Receiving side" className="space-y-4">
          <GroupPicker
            name="to"
            legend="To"
            choices={context.to}
            selected={selected("to")}
            error={err("to")}
            onChange={(ids) => {
              prefillTo(ids);
              if (!incoming && !fromLiaison.trim()) {
                const suggestion = ids.map((id) => byId.get(id)?.liaisonContact).find(Boolean);
                if (suggestion) setFromLiaison(suggestion);
              }
            }}
          />
          <ControlledArea
            name="toContact"
            label="To-Contact"
            value={toContact}
            onChange={setToContact}
            error={err("toContact")}
            required
            hint="One mailbox per line."
          />
          <TextField
            name="toLiaisonContact"
            label="To-Liaison-Contact"
            state={s}
            defaultValue={initial.toLiaisonContact}
            hint={
              incoming
                ? "Send to: the IETF address it arrived at."
                : "Send to: if set, the statement is sent only to this address, not to To-Contact."
            }
          />
        </section>
      </div>

      <TextField name="title" label="Title" state={s} defaultValue={initial.title} required />
      <div className="grid gap-6 sm:grid-cols-2">
        <div>
          <label htmlFor="field-purpose" className="block text-sm font-medium text-slate-800">
            Purpose
            <span aria-hidden="true" className="text-red-700">
              {" "}
              *
            </span>
          </label>
          <select
            id="field-purpose"
            name="purpose"
            key={`purpose-${submittedPurpose}-${s.status}`}
            defaultValue={submittedPurpose}
            onChange={(e) => setPurpose(e.target.value)}
            aria-invalid={err("purpose") ? true : undefined}
            aria-describedby={err("purpose") ? "field-purpose-error" : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          >
            <option value="">Choose…</option>
            <option value="information">For information (no response expected)</option>
            <option value="action">For action (response expected by the deadline)</option>
            <option value="response">In response (answers a statement of the peer)</option>
          </select>
          {err("purpose") ? (
            <p id="field-purpose-error" className="mt-1 text-sm text-red-700">
              {err("purpose")}
            </p>
          ) : null}
        </div>
        {showDeadline ? (
          <div className="space-y-2">
            <TextField
              name="deadline"
              label="Deadline"
              type="date"
              state={s}
              defaultValue={initial.deadline}
              hint={
                hydrated
                  ? "The date the action is needed by."
                  : "Only for “For action”: the date the action is needed by."
              }
            />
            {/* Issue 15 §2: an incoming statement may carry a deadline that passed before it was recorded. */}
            {incoming && (err("deadline")?.startsWith(PAST_DEADLINE_QUESTION) || confirmed("confirmPastDeadline")) ? (
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="confirmPastDeadline"
                  value="yes"
                  defaultChecked={confirmed("confirmPastDeadline")}
                />
                Record it anyway
              </label>
            ) : null}
          </div>
        ) : null}
      </div>
      {showResponds ? (
        <RelatedStatementPicker
          known={[
            ...respondsToOptions,
            ...formValues(s, "respondsToOption").flatMap((t) => parseRelatedOption(t) ?? []),
          ]}
          chosen={formValues(s, "respondsTo", initial.respondsTo.map(String)).map(Number)}
          matches={s.related ?? null}
          query={formValue(s, "respondsToQuery")}
          error={err("respondsTo")}
        />
      ) : null}
      <TextField
        name="body"
        label="Body"
        state={s}
        defaultValue={initial.body}
        multiline
        rows={14}
        hint="Plain text. Line breaks are kept exactly as typed."
      />
      <TextField
        name="otherIdentifiers"
        label="Other identifiers"
        state={s}
        defaultValue={initial.otherIdentifiers}
        hint="The peer's document numbers, e.g. S2-2405678, one per line or comma separated."
      />
      <div>
        <label htmlFor="field-consensus" className="block text-sm font-medium text-slate-800">
          Consensus
        </label>
        <select
          id="field-consensus"
          name="consensus"
          defaultValue={v("consensus")}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 sm:w-80"
        >
          <option value="">Not stated</option>
          <option value="wg_consensus">WG consensus</option>
          <option value="chairs_judgement">Chairs' / AD's judgement</option>
          <option value="iesg_iab_position">IESG/IAB position</option>
          <option value="none_claimed">None claimed</option>
        </select>
      </div>
      <fieldset id="field-attachments" aria-describedby={err("attachments") ? "field-attachments-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Attachments</legend>
        <p className="text-xs text-slate-600">PDF, HTML, plain text or office documents, up to 25 MB each.</p>
        {Array.from({ length: Math.max(attachmentRows, hydrated ? 1 : 3) }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional and never reordered
          <div key={i} className="mt-2 grid gap-2 sm:grid-cols-2">
            <label className="text-sm">
              File {i + 1}
              <input type="file" name="attachments" className="mt-1 block w-full text-sm" />
            </label>
            <label className="text-sm">
              Title of file {i + 1}
              <input
                type="text"
                name="attachmentTitles"
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
          </div>
        ))}
        {hydrated ? (
          <button
            type="button"
            onClick={() => setAttachmentRows((n) => n + 1)}
            className="mt-2 text-sm text-brand-700 underline"
          >
            Add another attachment
          </button>
        ) : null}
        {err("attachments") ? (
          <p id="field-attachments-error" className="mt-1 text-sm text-red-700">
            {err("attachments")}
          </p>
        ) : null}
      </fieldset>
      {incoming ? (
        <div className="space-y-3">
          <TextField name="receivedOn" label="Date received" type="date" state={s} defaultValue={initial.receivedOn} />
          {err("receivedOn") || confirmed("confirmReceivedOn") ? (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="confirmReceivedOn"
                value="yes"
                defaultChecked={confirmed("confirmReceivedOn")}
              />
              The date is correct
            </label>
          ) : null}
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="sendAcknowledgement" defaultChecked={initial.sendAcknowledgement} />
            Send an acknowledgement to the sender (received and recorded, with the public URL)
          </label>
        </div>
      ) : null}
      {context.actingAs.length > 1 ? (
        <fieldset id="field-actingAs" aria-describedby={err("actingAs") ? "field-actingAs-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Acting as</legend>
          <p className="text-xs text-slate-600">
            Your roles that can enter this statement; the history says which one you chose.
          </p>
          {context.actingAs.map((r) => (
            <label key={r.key} className="mt-1 flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="actingAs"
                value={r.key}
                defaultChecked={formValue(s, "actingAs", initial.actingAs ?? context.actingAs[0]?.key ?? "") === r.key}
              />
              {r.label}
            </label>
          ))}
          {err("actingAs") ? (
            <p id="field-actingAs-error" className="mt-1 text-sm text-red-700">
              {err("actingAs")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      {context.mayApproveOnBehalf && !incoming && !isPosted ? (
        <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">Approval at Submit</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="approveOnBehalf"
              value="yes"
              defaultChecked={formValue(s, "approveOnBehalf") === "yes"}
            />
            Approve on behalf now
          </label>
          <p className="text-xs text-slate-600">Leave it unticked to send the statement to its approvers.</p>
          <TextField
            name="onBehalfNote"
            label="Who approved, and how"
            state={s}
            hint="e.g. “Ada Lindqvist approved by mail on 2026-12-01”. Shown in the public history."
          />
        </fieldset>
      ) : null}
      <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-4">
        {isPosted ? (
          <SubmitButton name="intent" value="save" pendingText="Saving…">
            Save changes
          </SubmitButton>
        ) : (
          <>
            <SubmitButton name="intent" value="save" variant="secondary" pendingText="Saving…">
              Save draft
            </SubmitButton>
            {incoming ? (
              <SubmitButton name="intent" value="post" pendingText="Posting…">
                Post
              </SubmitButton>
            ) : (
              <SubmitButton name="intent" value="submit" pendingText="Submitting…">
                Submit
              </SubmitButton>
            )}
          </>
        )}
      </div>
    </form>
  );
}

function uploadWithProgress(data: FormData, setProgress: (p: number | null) => void, setState: (s: FormState) => void) {
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "/statements/save");
  xhr.upload.onprogress = (e) => {
    if (e.lengthComputable) setProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
  };
  xhr.onload = () => {
    setProgress(null);
    try {
      const result = JSON.parse(xhr.responseText) as FormState;
      if (result.status === "success" && result.redirectTo) window.location.assign(result.redirectTo);
      else setState(result);
    } catch {
      setState({
        status: "error",
        message: `The server answered ${xhr.status}. Reload the page to see whether it was saved.`,
      });
    }
  };
  xhr.onerror = () => {
    setProgress(null);
    setState({ status: "error", message: "The upload failed (network error). Nothing was saved; try again." });
  };
  setProgress(0);
  xhr.send(data);
}

function ControlledArea({
  name,
  label,
  value,
  onChange,
  error,
  hint,
  required,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
}) {
  const id = `field-${name}`;
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        rows={4}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(id, error, hint)}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm aria-[invalid=true]:border-red-600"
      />
    </FieldFrame>
  );
}

function ControlledInput({
  name,
  label,
  value,
  onChange,
  error,
  hint,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  hint?: string;
}) {
  const id = `field-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(id, error, hint)}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600"
      />
    </FieldFrame>
  );
}
