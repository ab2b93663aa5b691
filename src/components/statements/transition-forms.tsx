"use client";

import { useActionState } from "react";
import { approveAction, postAction, returnAction, submitAction, withdrawAction } from "@/actions/statements";
import { ErrorSummary, SubmitButton, TextField } from "@/components/forms/fields";
import { IDLE } from "@/lib/form-state";
import { PAST_DEADLINE_QUESTION } from "@/server/statements/completeness";

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

function OneButton({ id, version, action, label, pending, variant }: { id: number; version?: number; action: Simple; label: string; pending: string; variant?: "primary" | "secondary" }) {
  const [state, run] = useActionState(action, IDLE);
  return (
    <form action={run} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={FIELD_LABELS} />
      <input type="hidden" name="id" value={id} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {/* An incoming statement whose deadline already passed is posted only once confirmed (issue 15 §2). */}
      {action === postAction && state.fieldErrors?.deadline?.startsWith(PAST_DEADLINE_QUESTION) ? (
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="confirmPastDeadline" value="yes" />Record it anyway</label>
      ) : null}
      <SubmitButton variant={variant} pendingText={pending}>{label}</SubmitButton>
    </form>
  );
}

export const SubmitForm = ({ id }: { id: number }) => <OneButton id={id} action={submitAction} label="Submit" pending="Submitting…" />;
export const ApproveForm = ({ id, version }: { id: number; version: number }) => (
  <OneButton id={id} version={version} action={approveAction} label="Approve" pending="Approving…" />
);
export const PostForm = ({ id }: { id: number }) => <OneButton id={id} action={postAction} label="Post" pending="Posting…" />;

function WithComment({ id, version, action, field, label, button, variant }: { id: number; version?: number; action: typeof returnAction | typeof withdrawAction; field: "comment" | "reason"; label: string; button: string; variant: "secondary" | "danger" }) {
  const [state, run] = useActionState(action, IDLE);
  return (
    <form action={run} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={{ [field]: label }} />
      <input type="hidden" name="id" value={id} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <TextField name={field} label={label} state={state} multiline rows={2} required />
      <SubmitButton variant={variant} pendingText="Working…">{button}</SubmitButton>
    </form>
  );
}

export const ReturnForm = ({ id, version }: { id: number; version: number }) => (
  <WithComment id={id} version={version} action={returnAction} field="comment" label="Comment for the submitter" button="Return to submitter" variant="secondary" />
);
export const WithdrawForm = ({ id }: { id: number }) => (
  <WithComment id={id} action={withdrawAction} field="reason" label="Reason for withdrawing" button="Withdraw" variant="danger" />
);
