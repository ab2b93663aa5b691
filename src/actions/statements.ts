"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import {
  approveSchema,
  assignSchema,
  closeNoReplySchema,
  commentSchema,
  markActionTakenSchema,
  markReplyReceivedSchema,
  postRecordOnlySchema,
  postSchema,
  removeAttachmentSchema,
  resendSchema,
  returnSchema,
  submitSchema,
  withdrawSchema,
} from "@/server/statements/action-schemas";
import { addComment } from "@/server/statements/add-comment";
import { approveStatement } from "@/server/statements/approve-statement";
import { assignStatement } from "@/server/statements/assign-statement";
import { closeAwaitedReply } from "@/server/statements/close-awaited-reply";
import { markActionTaken } from "@/server/statements/mark-action-taken";
import { postRecordOnly } from "@/server/statements/post-record-only";
import { postStatement } from "@/server/statements/post-statement";
import { removeAttachment } from "@/server/statements/remove-attachment";
import { resendDistribution } from "@/server/statements/resend-distribution";
import { returnStatement } from "@/server/statements/return-statement";
import { submitStatement } from "@/server/statements/submit-statement";
import { withdrawStatement } from "@/server/statements/withdraw-statement";
import { findRelatedOptions, findReplacementOptions, saveStatementOptions } from "./statement-form";
import { formAction } from "./wrapper";

const saveStatement = formAction(saveStatementOptions);
const findRelated = formAction(findRelatedOptions);

/**
 * "Save draft", "Submit" and "Post" of the statement form (see statement-form.ts), and its "Find statements"
 * button for "In response to" without JavaScript (intent=find: a search, nothing saved).
 */
export async function saveStatementForm(previous: FormState, formData: FormData): Promise<FormState> {
  return formData.get("intent") === "find" ? findRelated(previous, formData) : saveStatement(previous, formData);
}

export const submitAction = formAction({
  schema: submitSchema,
  run: ({ id, approveOnBehalf, onBehalfNote }, { actor }) =>
    submitStatement({ actor, id, approveOnBehalf: approveOnBehalf !== undefined, onBehalfNote }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const approveAction = formAction({
  schema: approveSchema,
  run: ({ id, version, onBehalfNote }, { actor }) => approveStatement({ actor, id, version, onBehalfNote }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const returnAction = formAction({
  schema: returnSchema,
  run: ({ id, version, comment }, { actor }) => returnStatement({ actor, id, version, comment }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const postAction = formAction({
  schema: postSchema,
  run: ({ id, confirmPastDeadline }, { actor }) =>
    postStatement({ actor, id, confirmPastDeadline: !!confirmPastDeadline }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

const withdraw = formAction({
  schema: withdrawSchema,
  run: ({ id, reason, replacedBy }, { actor }) => withdrawStatement({ actor, id, reason, replacedBy: replacedBy[0] }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});
const findReplacement = formAction(findReplacementOptions);

/** Withdraw, and its "Find statements" button for "Replaced by" without JavaScript (intent=find: nothing saved). */
export async function withdrawAction(previous: FormState, formData: FormData): Promise<FormState> {
  return formData.get("intent") === "find" ? findReplacement(previous, formData) : withdraw(previous, formData);
}

export const markActionTakenAction = formAction({
  schema: markActionTakenSchema,
  run: ({ id, note, link, noReply }, { actor }) =>
    markActionTaken({ actor, id, note, link: link || null, noReplyWillBeSent: noReply !== undefined }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const assignAction = formAction({
  schema: assignSchema,
  run: ({ id, assigneeId }, { actor }) => assignStatement({ actor, id, assigneeId }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const removeAttachmentAction = formAction({
  schema: removeAttachmentSchema,
  run: ({ id, attachmentId }, { actor }) => removeAttachment({ actor, id, attachmentId }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}/edit`),
});

// Field names are unique on the statement page (each form's fields get ids "field-<name>").

/** Issue 15 §3: an outgoing For-action statement whose reply came another way (mail, the peer's portal). */
export const markReplyReceivedAction = formAction({
  schema: markReplyReceivedSchema,
  run: ({ id, replyNote, replyLink }, { actor }) =>
    closeAwaitedReply({ actor, id, outcome: "reply_received", note: replyNote, link: replyLink || null }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

/** Issue 15 §3: an outgoing For-action statement that expects no reply any more. */
export const closeNoReplyAction = formAction({
  schema: closeNoReplySchema,
  run: ({ id, closeNote }, { actor }) =>
    closeAwaitedReply({ actor, id, outcome: "no_reply_expected", note: closeNote ?? "" }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

/** Issue 15 §4: "Post without sending mail" with a required reason. */
export const postRecordOnlyAction = formAction({
  schema: postRecordOnlySchema,
  run: ({ id, recordOnlyReason }, { actor }) => postRecordOnly({ actor, id, reason: recordOnlyReason }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

/** Issue 15 §4: resend the distribution mail of a posted statement. */
export const resendAction = formAction({
  schema: resendSchema,
  run: ({ id, toOriginal, added }, { actor }) =>
    resendDistribution({ actor, id, toOriginal: toOriginal !== undefined, added: added ?? "" }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

/** Issue 15 §4: a comment, public or staff-only. */
export const commentAction = formAction({
  schema: commentSchema,
  run: ({ id, commentText, staffOnly }, { actor }) =>
    addComment({ actor, id, text: commentText, isStaffOnly: staffOnly !== undefined }),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});
