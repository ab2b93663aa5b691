import "server-only";
import { z } from "zod";
import { COMMENT_MAX } from "./add-comment";

/**
 * The input of the statement page's actions (src/actions/statements.ts), next to the statement form's own
 * schema (schema.ts): what each form sends, with the messages a person reads when it is wrong.
 */

const idOnly = z.object({ id: z.coerce.number().int().positive() });
/** Approve and Return carry the version the approver saw (issue 13, item 2); the use-case refuses any other. */
const seenVersion = z.coerce
  .number({ message: "Reload the statement: the form did not say which version you reviewed." })
  .int("Reload the statement: the form did not say which version you reviewed.")
  .nonnegative("Reload the statement: the form did not say which version you reviewed.");

/** Staff submitting choose "Approve on behalf now" explicitly, naming who approved and how (issue 15, section 5). */
const onBehalfNote = z.string().trim().max(1000, "Keep the note to 1000 characters.").optional();

/** "Replaced by" (issue 16): at most one statement; the use-case checks the person may see it. */
const replacedBy = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.coerce.number({ message: "Choose a statement from the list." }).int().positive())
    .max(1, "Choose one statement that replaces it."),
);

const optionalLink = z
  .string()
  .trim()
  .max(1000)
  .refine((v) => v === "" || /^https?:\/\/\S+$/.test(v), "Enter a full http(s) link, or leave it empty.")
  .optional();
const checkbox = z.enum(["yes", "on"]).optional();

export const submitSchema = idOnly.extend({ approveOnBehalf: z.enum(["yes", "on"]).optional(), onBehalfNote });

export const approveSchema = idOnly.extend({ version: seenVersion, onBehalfNote });

export const returnSchema = idOnly.extend({
  version: seenVersion,
  comment: z.string().trim().min(1, "Enter a comment for the submitter.").max(5000),
});

export const postSchema = idOnly.extend({ confirmPastDeadline: z.string().optional() });

export const withdrawSchema = idOnly.extend({
  reason: z.string().trim().min(1, "Enter the reason for withdrawing it.").max(5000),
  replacedBy,
});

export const markActionTakenSchema = idOnly.extend({
  note: z.string().trim().min(1, "Enter a short note on what was done.").max(2000),
  link: optionalLink,
  /** the "No reply will be sent" checkbox (issue 9) */
  noReply: z.enum(["yes", "on"]).optional(),
});

export const assignSchema = idOnly.extend({
  assigneeId: z.coerce.number({ message: "Choose someone." }).int().positive("Choose someone."),
});

export const removeAttachmentSchema = idOnly.extend({ attachmentId: z.coerce.number().int().positive() });

export const markReplyReceivedSchema = idOnly.extend({
  replyNote: z.string().trim().min(1, "Enter a short note on the reply (what came, and how).").max(2000),
  replyLink: optionalLink,
});

export const closeNoReplySchema = idOnly.extend({ closeNote: z.string().trim().max(2000).optional() });

export const postRecordOnlySchema = idOnly.extend({
  recordOnlyReason: z
    .string()
    .trim()
    .min(1, "Say why no mail is sent (e.g. already delivered through the 3GPP portal).")
    .max(2000),
});

export const resendSchema = idOnly.extend({ toOriginal: checkbox, added: z.string().max(10_000).optional() });

export const commentSchema = idOnly.extend({
  commentText: z.string().trim().min(1, "Enter the comment.").max(COMMENT_MAX),
  staffOnly: checkbox,
});
