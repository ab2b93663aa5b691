"use client";

import { useActionState } from "react";
import {
  closeNoReplyAction,
  commentAction,
  markReplyReceivedAction,
  postRecordOnlyAction,
  resendAction,
} from "@/actions/statements";
import { ErrorSummary, SubmitButton, TextField } from "@/components/forms/fields";
import { formValue, IDLE } from "@/lib/form-state";

/**
 * Issue 15 §3-4 forms of the statement page. Every field name is unique on the page (ids are "field-<name>"),
 * and a rejected form keeps what was typed.
 */

export function MarkReplyReceivedForm({ id }: { id: number }) {
  const [state, action] = useActionState(markReplyReceivedAction, IDLE);
  return (
    <form action={action} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={{ replyNote: "What reply came", replyLink: "Link to the reply" }} />
      <input type="hidden" name="id" value={id} />
      <TextField
        name="replyNote"
        label="What reply came"
        state={state}
        multiline
        rows={2}
        required
        hint="e.g. SA2 answered by mail to the chairs, or through the 3GPP portal (S2-2601234)."
      />
      <TextField name="replyLink" label="Link to the reply" type="url" state={state} hint="Optional." />
      <SubmitButton pendingText="Saving…">Mark reply received</SubmitButton>
    </form>
  );
}

export function CloseNoReplyForm({ id }: { id: number }) {
  const [state, action] = useActionState(closeNoReplyAction, IDLE);
  return (
    <form action={action} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={{ closeNote: "Why no reply is expected" }} />
      <input type="hidden" name="id" value={id} />
      <TextField name="closeNote" label="Why no reply is expected" state={state} multiline rows={2} hint="Optional." />
      <SubmitButton variant="secondary" pendingText="Closing…">
        Close: no reply expected
      </SubmitButton>
    </form>
  );
}

export function PostRecordOnlyForm({ id }: { id: number }) {
  const [state, action] = useActionState(postRecordOnlyAction, IDLE);
  return (
    <form action={action} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={{ recordOnlyReason: "Why no mail is sent" }} />
      <input type="hidden" name="id" value={id} />
      <TextField
        name="recordOnlyReason"
        label="Why no mail is sent"
        state={state}
        multiline
        rows={2}
        required
        hint="Posts the statement without its distribution mail, e.g. already delivered through the 3GPP portal. The history says so."
      />
      <SubmitButton variant="secondary" pendingText="Posting…">
        Post without sending mail
      </SubmitButton>
    </form>
  );
}

export function ResendForm({ id, original }: { id: number; original: string }) {
  const [state, action] = useActionState(resendAction, IDLE);
  const toOriginal = state.status === "idle" ? "yes" : formValue(state, "toOriginal");
  return (
    <form action={action} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={{ added: "Also send to" }} />
      <input type="hidden" name="id" value={id} />
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="toOriginal"
            value="yes"
            defaultChecked={toOriginal === "yes"}
            key={toOriginal}
            aria-describedby="field-toOriginal-hint"
          />
          Send to the original recipients again
        </label>
        <p id="field-toOriginal-hint" className="break-words text-xs text-slate-600">
          {original}
        </p>
      </div>
      <TextField
        name="added"
        label="Also send to"
        state={state}
        multiline
        rows={2}
        hint="Optional: more addresses, one per line or comma separated (at most 20)."
      />
      <SubmitButton variant="secondary" pendingText="Sending…">
        Resend distribution mail
      </SubmitButton>
    </form>
  );
}

export function CommentForm({
  id,
  mayStaffOnly,
  isPending,
}: {
  id: number;
  mayStaffOnly: boolean;
  isPending: boolean;
}) {
  const [state, action] = useActionState(commentAction, IDLE);
  return (
    <form action={action} className="space-y-2" noValidate>
      <ErrorSummary state={state} labels={{ commentText: "Comment" }} />
      <input type="hidden" name="id" value={id} />
      <TextField
        name="commentText"
        label="Comment"
        state={state}
        multiline
        rows={3}
        required
        hint={`Plain text.${isPending ? " The submitter and the approvers are told by mail." : ""}`}
      />
      {mayStaffOnly ? (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="staffOnly"
            value="yes"
            defaultChecked={formValue(state, "staffOnly") === "yes"}
            key={formValue(state, "staffOnly")}
          />
          Staff only (not shown publicly)
        </label>
      ) : null}
      <SubmitButton variant="secondary" pendingText="Adding…">
        Add comment
      </SubmitButton>
    </form>
  );
}
