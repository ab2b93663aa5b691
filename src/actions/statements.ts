"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/form-state";
import { assignStatement, markActionTaken } from "@/server/statements/action-tracking";
import { addComment, COMMENT_MAX } from "@/server/statements/add-comment";
import { approveStatement } from "@/server/statements/approve-statement";
import { closeAwaitedReply } from "@/server/statements/close-awaited-reply";
import { postRecordOnly } from "@/server/statements/post-record-only";
import { postStatement } from "@/server/statements/post-statement";
import { removeAttachment } from "@/server/statements/remove-attachment";
import { resendDistribution } from "@/server/statements/resend-distribution";
import { returnStatement } from "@/server/statements/return-statement";
import { submitStatement } from "@/server/statements/submit-statement";
import { inTransaction } from "@/server/statements/transaction";
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

const idOnly = z.object({ id: z.coerce.number().int().positive() });
/** Approve and Return carry the version the approver saw (issue 13, item 2); the use-case refuses any other. */
const seenVersion = z.coerce
  .number({ message: "Reload the statement: the form did not say which version you reviewed." })
  .int("Reload the statement: the form did not say which version you reviewed.")
  .nonnegative("Reload the statement: the form did not say which version you reviewed.");

/** Staff submitting choose "Approve on behalf now" explicitly, naming who approved and how (issue 15, section 5). */
const onBehalfNote = z.string().trim().max(1000, "Keep the note to 1000 characters.").optional();

export const submitAction = formAction({
  schema: idOnly.extend({ approveOnBehalf: z.enum(["yes", "on"]).optional(), onBehalfNote }),
  run: ({ id, approveOnBehalf, onBehalfNote }, { actor }) =>
    inTransaction((tx, g) =>
      submitStatement(tx, actor, g, id, new Date(), { approveOnBehalf: approveOnBehalf !== undefined, onBehalfNote }),
    ),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const approveAction = formAction({
  schema: idOnly.extend({ version: seenVersion, onBehalfNote }),
  run: ({ id, version, onBehalfNote }, { actor }) =>
    inTransaction(
      (tx, g) => approveStatement(tx, actor, g, id, version, new Date(), { onBehalfNote }),
      "This statement is already approved.",
    ),
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

/** "Replaced by" (issue 16): at most one statement; the use-case checks the person may see it. */
const replacedBy = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.coerce.number({ message: "Choose a statement from the list." }).int().positive())
    .max(1, "Choose one statement that replaces it."),
);

const withdraw = formAction({
  schema: idOnly.extend({
    reason: z.string().trim().min(1, "Enter the reason for withdrawing it.").max(5000),
    replacedBy,
  }),
  run: ({ id, reason, replacedBy }, { actor }) =>
    inTransaction((tx, g) => withdrawStatement(tx, actor, g, id, reason, new Date(), { replacedBy: replacedBy[0] })),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});
const findReplacement = formAction(findReplacementOptions);

/** Withdraw, and its "Find statements" button for "Replaced by" without JavaScript (intent=find: nothing saved). */
export async function withdrawAction(previous: FormState, formData: FormData): Promise<FormState> {
  return formData.get("intent") === "find" ? findReplacement(previous, formData) : withdraw(previous, formData);
}

const optionalLink = z
  .string()
  .trim()
  .max(1000)
  .refine((v) => v === "" || /^https?:\/\/\S+$/.test(v), "Enter a full http(s) link, or leave it empty.")
  .optional();
const checkbox = z.enum(["yes", "on"]).optional();

export const markActionTakenAction = formAction({
  schema: idOnly.extend({
    note: z.string().trim().min(1, "Enter a short note on what was done.").max(2000),
    link: optionalLink,
    /** the "No reply will be sent" checkbox (issue 9) */
    noReply: z.enum(["yes", "on"]).optional(),
  }),
  run: ({ id, note, link, noReply }, { actor }) =>
    inTransaction((tx, g) =>
      markActionTaken(tx, actor, g, id, note, link || null, { noReplyWillBeSent: noReply !== undefined }),
    ),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const assignAction = formAction({
  schema: idOnly.extend({
    assigneeId: z.coerce.number({ message: "Choose someone." }).int().positive("Choose someone."),
  }),
  run: ({ id, assigneeId }, { actor }) => inTransaction((tx, g) => assignStatement(tx, actor, g, id, assigneeId)),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

export const removeAttachmentAction = formAction({
  schema: idOnly.extend({ attachmentId: z.coerce.number().int().positive() }),
  run: ({ id, attachmentId }, { actor }) => inTransaction((tx, g) => removeAttachment(tx, actor, g, id, attachmentId)),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}/edit`),
});

// Field names are unique on the statement page (each form's fields get ids "field-<name>").

/** Issue 15 §3: an outgoing For-action statement whose reply came another way (mail, the peer's portal). */
export const markReplyReceivedAction = formAction({
  schema: idOnly.extend({
    replyNote: z.string().trim().min(1, "Enter a short note on the reply (what came, and how).").max(2000),
    replyLink: optionalLink,
  }),
  run: ({ id, replyNote, replyLink }, { actor }) =>
    inTransaction((tx, g) =>
      closeAwaitedReply(tx, actor, g, id, { outcome: "reply_received", note: replyNote, link: replyLink || null }),
    ),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

/** Issue 15 §3: an outgoing For-action statement that expects no reply any more. */
export const closeNoReplyAction = formAction({
  schema: idOnly.extend({ closeNote: z.string().trim().max(2000).optional() }),
  run: ({ id, closeNote }, { actor }) =>
    inTransaction((tx, g) =>
      closeAwaitedReply(tx, actor, g, id, { outcome: "no_reply_expected", note: closeNote ?? "" }),
    ),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

/** Issue 15 §4: "Post without sending mail" with a required reason. */
export const postRecordOnlyAction = formAction({
  schema: idOnly.extend({
    recordOnlyReason: z
      .string()
      .trim()
      .min(1, "Say why no mail is sent (e.g. already delivered through the 3GPP portal).")
      .max(2000),
  }),
  run: ({ id, recordOnlyReason }, { actor }) =>
    inTransaction((tx, g) => postRecordOnly(tx, actor, g, id, recordOnlyReason)),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

/** Issue 15 §4: resend the distribution mail of a posted statement. */
export const resendAction = formAction({
  schema: idOnly.extend({ toOriginal: checkbox, added: z.string().max(10_000).optional() }),
  run: ({ id, toOriginal, added }, { actor }) =>
    inTransaction((tx, g) =>
      resendDistribution(tx, actor, g, id, { toOriginal: toOriginal !== undefined, added: added ?? "" }),
    ),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});

/** Issue 15 §4: a comment, public or staff-only. */
export const commentAction = formAction({
  schema: idOnly.extend({
    commentText: z.string().trim().min(1, "Enter the comment.").max(COMMENT_MAX),
    staffOnly: checkbox,
  }),
  run: ({ id, commentText, staffOnly }, { actor }) =>
    inTransaction((tx, g) => addComment(tx, actor, g, id, { text: commentText, isStaffOnly: staffOnly !== undefined })),
  onSuccess: (_r, { id }) => redirect(`/statements/${id}`),
});
