"use client";

import { useActionState } from "react";
import { sendReportAction } from "@/actions/desk";
import { ErrorSummary, SubmitButton, SuccessMessage, TextField } from "@/components/forms/fields";
import { IDLE } from "@/lib/form-state";

/** "Send report": mails the plain-text report through the outbox to the addresses entered. */
export function SendReportForm({
  org,
  from,
  to,
  defaultRecipients,
  maxRecipients,
}: {
  org: string;
  from: string;
  to: string;
  defaultRecipients: string[];
  /** the server's limit (MAIL_LIMITS.reportRecipients), named in the hint */
  maxRecipients: number;
}) {
  const [state, action] = useActionState(sendReportAction, IDLE);
  return (
    <form action={action} className="space-y-3" noValidate>
      <ErrorSummary state={state} labels={{ recipients: "Recipients" }} />
      <SuccessMessage state={state} />
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="from" value={from} />
      <input type="hidden" name="to" value={to} />
      <TextField
        name="recipients"
        label="Recipients"
        state={state}
        multiline
        rows={3}
        required
        defaultValue={defaultRecipients.join("\n")}
        hint={`Up to ${maxRecipients} addresses, one per line or comma separated (Name <address> or address): the IESG, the IAB, people in the directory, or yourself.`}
      />
      <SubmitButton pendingText="Sending…">Send report</SubmitButton>
    </form>
  );
}
