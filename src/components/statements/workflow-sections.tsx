import { CloseNoReplyForm, CommentForm, MarkReplyReceivedForm, ResendForm } from "./workflow-forms";

/** Issue 15 §3: an outgoing For-action statement awaiting the peer's reply, closed without an incoming one. */
export function AwaitedReplySection({ id, deadline }: { id: number; deadline: string | null }) {
  return (
    <section
      aria-labelledby="awaited-reply"
      className="no-print space-y-4 rounded-lg border border-amber-200 bg-amber-50/40 p-4"
    >
      <h2 id="awaited-reply" className="text-lg font-semibold">
        Reply awaited{deadline ? ` by ${deadline}` : ""}
      </h2>
      <p className="text-sm text-slate-700">
        A reply recorded as an incoming “In response” statement ends the reminders. If it came another way, or none is
        expected any more, close it here.
      </p>
      <div className="grid gap-6 md:grid-cols-2">
        <MarkReplyReceivedForm id={id} />
        <CloseNoReplyForm id={id} />
      </div>
    </section>
  );
}

/** Issue 15 §4: resend the distribution mail of a posted statement. */
export function ResendSection({ id, original }: { id: number; original: string[] }) {
  return (
    <section aria-labelledby="resend" className="no-print space-y-2 rounded-lg border border-slate-200 p-4">
      <h2 id="resend" className="text-lg font-semibold">
        Resend
      </h2>
      <ResendForm
        id={id}
        original={original.length ? `To and Cc: ${original.join(", ")}` : "No original recipients."}
      />
    </section>
  );
}

/** Issue 15 §4: add a comment (under the history, where comments show). */
export function CommentSection({
  id,
  mayStaffOnly,
  isPending,
}: {
  id: number;
  mayStaffOnly: boolean;
  isPending: boolean;
}) {
  return (
    <div className="no-print pt-2">
      <h3 className="sr-only">Add a comment</h3>
      <CommentForm id={id} mayStaffOnly={mayStaffOnly} isPending={isPending} />
    </div>
  );
}
