"use client";

import { useActionState } from "react";
import { assignAction, markActionTakenAction, removeAttachmentAction } from "@/actions/statements";
import { ErrorSummary, SubmitButton, TextField } from "@/components/forms/fields";
import { formValue, IDLE } from "@/lib/form-state";

export function MarkActionTakenForm({ id }: { id: number }) {
  const [state, action] = useActionState(markActionTakenAction, IDLE);
  return (
    <form action={action} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={{ note: "What was done", link: "Link" }} />
      <input type="hidden" name="id" value={id} />
      <TextField name="note" label="What was done" state={state} multiline rows={2} required />
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="noReply"
            value="yes"
            aria-describedby="field-noReply-hint"
            defaultChecked={formValue(state, "noReply") === "yes"}
            key={formValue(state, "noReply")}
          />
          No reply will be sent
        </label>
        <p id="field-noReply-hint" className="text-xs text-slate-600">
          The liaison managers of the sending body are told by mail, so they can let it know informally.
        </p>
      </div>
      <TextField
        name="link"
        label="Link"
        type="url"
        state={state}
        hint="Optional: e.g. the mailing-list thread or the draft."
      />
      <SubmitButton pendingText="Saving…">Mark action taken</SubmitButton>
    </form>
  );
}

export function AssignForm({
  id,
  candidates,
  current,
}: {
  id: number;
  candidates: { id: number; name: string }[];
  current: number | null;
}) {
  const [state, action] = useActionState(assignAction, IDLE);
  const error = state.fieldErrors?.assigneeId;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" noValidate>
      <input type="hidden" name="id" value={id} />
      <div>
        <label htmlFor="field-assigneeId" className="block text-sm font-medium text-slate-800">
          Assignee
        </label>
        <select
          id="field-assigneeId"
          name="assigneeId"
          defaultValue={current ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "field-assigneeId-error" : undefined}
          className="mt-1 rounded-md border border-slate-300 px-3 py-2 text-sm"
        >
          <option value="">Choose…</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {error ? (
          <p id="field-assigneeId-error" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <SubmitButton variant="secondary" pendingText="Assigning…">
        Assign
      </SubmitButton>
      {state.status === "error" && !error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

export function RemoveAttachmentButton({
  id,
  attachmentId,
  title,
}: {
  id: number;
  attachmentId: number;
  title: string;
}) {
  const [state, action] = useActionState(removeAttachmentAction, IDLE);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="attachmentId" value={attachmentId} />
      <SubmitButton variant="secondary" pendingText="Removing…">{`Remove ${title}`}</SubmitButton>
      {state.status === "error" ? (
        <span role="alert" className="ml-2 text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
