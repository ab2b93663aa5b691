"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { assignStatement, markActionTaken, removeAttachment } from "@/server/statements/action-tracking";
import { postStatement } from "@/server/statements/post-statement";
import { inTransaction } from "@/server/statements/transaction";
import { approveStatement, returnStatement, submitStatement, withdrawStatement } from "@/server/statements/transitions";
import { saveStatementOptions } from "./statement-form";
import { formAction } from "./wrapper";

/** "Save draft", "Submit" and "Post" of the statement form (see statement-form.ts). */
export const saveStatementForm = formAction(saveStatementOptions);

const idOnly = z.object({ id: z.coerce.number().int().positive() });
/** Approve and Return carry the version the approver saw (issue 13, item 2); the use-case refuses any other. */
const seenVersion = z.coerce
  .number({ message: "Reload the statement: the form did not say which version you reviewed." })
  .int("Reload the statement: the form did not say which version you reviewed.")
  .nonnegative("Reload the statement: the form did not say which version you reviewed.");

export const submitAction = formAction({
  schema: idOnly,
  run: ({ id }, { actor }) => inTransaction((tx, g) => submitStatement(tx, actor, g, id)),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const approveAction = formAction({
  schema: idOnly.extend({ version: seenVersion }),
  run: ({ id, version }, { actor }) =>
    inTransaction((tx, g) => approveStatement(tx, actor, g, id, version), "This statement is already approved."),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const returnAction = formAction({
  schema: idOnly.extend({
    version: seenVersion,
    comment: z.string().trim().min(1, "Enter a comment for the submitter.").max(5000),
  }),
  run: ({ id, version, comment }, { actor }) =>
    inTransaction((tx, g) => returnStatement(tx, actor, g, id, version, comment)),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const postAction = formAction({
  schema: idOnly.extend({ confirmPastDeadline: z.string().optional() }),
  run: ({ id, confirmPastDeadline }, { actor }) =>
    inTransaction((tx, g) => postStatement(tx, actor, g, id, { confirmPastDeadline: !!confirmPastDeadline })),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const withdrawAction = formAction({
  schema: idOnly.extend({ reason: z.string().trim().min(1, "Enter the reason for withdrawing it.").max(5000) }),
  run: ({ id, reason }, { actor }) => inTransaction((tx, g) => withdrawStatement(tx, actor, g, id, reason)),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const markActionTakenAction = formAction({
  schema: idOnly.extend({
    note: z.string().trim().min(1, "Enter a short note on what was done.").max(2000),
    link: z
      .string()
      .trim()
      .max(1000)
      .refine((v) => v === "" || /^https?:\/\/\S+$/.test(v), "Enter a full http(s) link, or leave it empty.")
      .optional(),
    /** the "No reply will be sent" checkbox (issue 9) */
    noReply: z.enum(["yes", "on"]).optional(),
  }),
  run: ({ id, note, link, noReply }, { actor }) =>
    inTransaction((tx, g) => markActionTaken(tx, actor, g, id, note, link || null, { noReplyWillBeSent: noReply !== undefined })),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const assignAction = formAction({
  schema: idOnly.extend({ assigneeId: z.coerce.number({ message: "Choose someone." }).int().positive("Choose someone.") }),
  run: ({ id, assigneeId }, { actor }) => inTransaction((tx, g) => assignStatement(tx, actor, g, id, assigneeId)),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const removeAttachmentAction = formAction({
  schema: idOnly.extend({ attachmentId: z.coerce.number().int().positive() }),
  run: ({ id, attachmentId }, { actor }) => inTransaction((tx, g) => removeAttachment(tx, actor, g, id, attachmentId)),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}/edit`),
});
