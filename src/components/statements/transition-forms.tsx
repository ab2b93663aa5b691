"use client";

import { useActionState } from "react";
import { approveAction, postAction, returnAction, submitAction, withdrawAction } from "@/actions/statements";
import { ErrorSummary, SubmitButton, TextField } from "@/components/forms/fields";
import { PAST_DEADLINE_QUESTION } from "@/lib/form-questions";
import { formValue, formValues, IDLE } from "@/lib/form-state";
import { parseRelatedOption } from "@/lib/related-statement";
import { RelatedStatementPicker } from "./related-statement-picker";

type Simple = typeof approveAction;

/** `version`: what the person reviewed (Approve, Return); the server refuses the step if it changed since. */
/** The fields Submit and Post check on the stored draft (issue 15 §2), named as the form names them. */
const FIELD_LABELS: Record<string, string> = {
  to: "To",
  fromContact: "From-Contact",
  toContact: "To-Contact",
  purpose: "Purpose",
  deadline: "Deadline",
  respondsTo: "In response to",
  body: "Body",
};

function OneButton({
  id,
  version,
  action,
  label,
  pending,
  variant,
}: {
  id: number;
  version?: number;
  action: Simple;
  label: string;
  pending: string;
  variant?: "primary" | "secondary";
}) {
  const [state, run] = useActionState(action, IDLE);
  return (
    <form action={run} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={FIELD_LABELS} />
      <input type="hidden" name="id" value={id} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {/* An incoming statement whose deadline already passed is posted only once confirmed (issue 15 §2). */}
      {action === postAction && state.fieldErrors?.deadline?.startsWith(PAST_DEADLINE_QUESTION) ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="confirmPastDeadline" value="yes" />
          Record it anyway
        </label>
      ) : null}
      <SubmitButton variant={variant} pendingText={pending}>
        {label}
      </SubmitButton>
    </form>
  );
}

const NOTE_LABEL = "Who approved, and how";
const NOTE_HINT = "e.g. “Ada Lindqvist approved by mail on 2026-12-01”. Shown in the public history.";

/**
 * Submit. Staff (`mayApproveOnBehalf`) do not approve silently: "Approve on behalf now" is their explicit
 * choice, with the note naming who approved and how; otherwise the approvers are asked (issue 15, section 5).
 */
export function SubmitForm({ id, mayApproveOnBehalf = false }: { id: number; mayApproveOnBehalf?: boolean }) {
  const [state, run] = useActionState(submitAction, IDLE);
  if (!mayApproveOnBehalf) return <OneButton id={id} action={submitAction} label="Submit" pending="Submitting…" />;
  return (
    <form action={run} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={{ onBehalfNote: NOTE_LABEL }} />
      <input type="hidden" name="id" value={id} />
      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">Approval</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="approveOnBehalf"
            value="yes"
            defaultChecked={formValue(state, "approveOnBehalf") === "yes"}
            key={formValue(state, "approveOnBehalf")}
          />
          Approve on behalf now
        </label>
        <p className="text-xs text-slate-600">Leave it unticked to send the statement to its approvers.</p>
        <TextField name="onBehalfNote" label={NOTE_LABEL} state={state} hint={NOTE_HINT} />
      </fieldset>
      <SubmitButton pendingText="Submitting…">Submit</SubmitButton>
    </form>
  );
}

/** Approve; on behalf (staff), only with the note naming who approved and how (issue 15, section 5). */
export function ApproveForm({ id, version, onBehalf = false }: { id: number; version: number; onBehalf?: boolean }) {
  const [state, run] = useActionState(approveAction, IDLE);
  if (!onBehalf)
    return <OneButton id={id} version={version} action={approveAction} label="Approve" pending="Approving…" />;
  return (
    <form action={run} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={{ onBehalfNote: NOTE_LABEL }} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <TextField name="onBehalfNote" label={NOTE_LABEL} state={state} hint={NOTE_HINT} required />
      <SubmitButton pendingText="Approving…">Approve on behalf</SubmitButton>
    </form>
  );
}
export const PostForm = ({ id }: { id: number }) => (
  <OneButton id={id} action={postAction} label="Post" pending="Posting…" />
);

function WithComment({
  id,
  version,
  action,
  field,
  label,
  button,
  variant,
}: {
  id: number;
  version?: number;
  action: typeof returnAction;
  field: "comment" | "reason";
  label: string;
  button: string;
  variant: "secondary" | "danger";
}) {
  const [state, run] = useActionState(action, IDLE);
  return (
    <form action={run} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={{ [field]: label }} />
      <input type="hidden" name="id" value={id} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <TextField name={field} label={label} state={state} multiline rows={2} required />
      <SubmitButton variant={variant} pendingText="Working…">
        {button}
      </SubmitButton>
    </form>
  );
}

export const ReturnForm = ({ id, version }: { id: number; version: number }) => (
  <WithComment
    id={id}
    version={version}
    action={returnAction}
    field="comment"
    label="Comment for the submitter"
    button="Return to submitter"
    variant="secondary"
  />
);
const REASON_LABEL = "Reason for withdrawing";
const REPLACED_BY_LABEL = "Replaced by (optional)";

/**
 * Withdraw, with the statement that replaces this one (issue 16): the "In response to" picker over the
 * statements this person may see; without JavaScript its "Find statements" reloads the form (ADR 020).
 */
export function WithdrawForm({ id }: { id: number }) {
  const [state, run] = useActionState(withdrawAction, IDLE);
  return (
    <form action={run} className="space-y-3" noValidate>
      <ErrorSummary state={state} labels={{ reason: REASON_LABEL, replacedBy: REPLACED_BY_LABEL }} />
      <input type="hidden" name="id" value={id} />
      <TextField name="reason" label={REASON_LABEL} state={state} multiline rows={2} required />
      <RelatedStatementPicker
        name="replacedBy"
        label={REPLACED_BY_LABEL}
        hint="The statement that replaces this one, linked from its banner. Type words of the title, an identifier or a date."
        fallbackHint="The statement that replaces this one, linked from its banner. Find it by words of the title, an identifier or a date, then tick it."
        known={formValues(state, "replacedByOption").flatMap((t) => parseRelatedOption(t) ?? [])}
        chosen={formValues(state, "replacedBy").map(Number)}
        matches={state.related ?? null}
        query={formValue(state, "replacedByQuery")}
        error={state.fieldErrors?.replacedBy}
      />
      <SubmitButton name="intent" value="withdraw" variant="danger" pendingText="Working…">
        Withdraw
      </SubmitButton>
    </form>
  );
}
