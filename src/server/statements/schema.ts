import { z } from "zod";
import { parseIsoDate } from "@/lib/dates";
import { MAX_DB_ID } from "@/lib/ids";
import { parseMailbox, parseMailboxList } from "@/lib/mailbox";
import { MAX_ATTACHMENT_BYTES } from "@/lib/upload-limits";
import { missingForSubmission, pastDeadlineProblem } from "./completeness";
import { receivedDateProblem } from "./received-date";

/**
 * The statement form (RFC 4053bis fields), shared by the form and the save/submit actions.
 * Field names are the form's input names; messages name the bad value.
 */
export { MAX_ATTACHMENT_BYTES, MAX_FORM_REQUEST_BYTES } from "@/lib/upload-limits";

const asArray = (v: unknown) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]);
// (A refine, not .int(): zod's int check aborts, which would hide the form's cross-field messages.)
const idNumber = z.coerce
  .number()
  .refine(Number.isInteger, "Use a whole number.")
  .positive()
  .max(MAX_DB_ID, "There is no such entry.");
const ids = z.preprocess(
  asArray,
  z.array(idNumber).transform((list) => [...new Set(list)]),
);

// PostgreSQL text cannot hold NUL; say so instead of failing at the database.
const NUL_MESSAGE = "Remove the NUL character (\\0): it cannot be stored.";
const noNul = (text: string) => !text.includes("\u0000");

// An empty list is a valid draft; Submit/Post require at least one (completeness.ts).
const mailboxList = () =>
  z
    .string()
    .max(20_000)
    .default("")
    .transform((text, ctx) => {
      const result = parseMailboxList(text);
      if (!result.ok) {
        ctx.addIssue({
          code: "custom",
          message: `${result.invalid.map((m) => `"${m}"`).join(", ")} ${result.invalid.length === 1 ? "is not a valid mailbox" : "are not valid mailboxes"}; use "Name <name@example.org>" or "name@example.org".`,
        });
        return z.NEVER;
      }
      return result.mailboxes;
    });

const optionalMailbox = z
  .string()
  .max(512)
  .default("")
  .transform((text, ctx) => {
    const trimmed = text.trim();
    if (!trimmed) return null;
    if (/[,\n]/.test(trimmed) && !parseMailbox(trimmed)) {
      ctx.addIssue({ code: "custom", message: "Enter one mailbox only." });
      return z.NEVER;
    }
    const mailbox = parseMailbox(trimmed);
    if (!mailbox) {
      ctx.addIssue({
        code: "custom",
        message: `"${trimmed}" is not a valid mailbox; use "Name <name@example.org>" or "name@example.org".`,
      });
      return z.NEVER;
    }
    return trimmed;
  });

const isoDateField = z
  .string()
  .max(20)
  .default("")
  .transform((text, ctx) => {
    if (!text.trim()) return null;
    const date = parseIsoDate(text);
    if (!date) {
      ctx.addIssue({ code: "custom", message: `"${text}" is not a date; use YYYY-MM-DD.` });
      return z.NEVER;
    }
    return date;
  });

const files = z.preprocess(
  // An empty file input submits an empty File without a real name (Next's multipart decoder names it
  // "undefined"): that means "no file", not an error. A named empty file is an error (see below).
  (v) =>
    asArray(v).filter(
      // Text where a file belongs (a form posted without multipart) is kept, to be refused: never dropped silently.
      (f) =>
        (f instanceof Blob && !(f.size === 0 && ["", "undefined", "blob"].includes((f as File).name ?? ""))) ||
        (typeof f === "string" && f !== ""),
    ),
  // (Checked in superRefine rather than by type, so that the form's cross-field rules still report too.)
  z.array(z.custom<File>()).superRefine((list, ctx) => {
    for (const file of list as unknown[] as (File | string)[]) {
      if (typeof file === "string") {
        ctx.addIssue({
          code: "custom",
          message: "An attachment arrived as text, not as a file; choose the file again.",
        });
        continue;
      }
      if (file.size === 0) ctx.addIssue({ code: "custom", message: `"${file.name}" is empty.` });
      if (file.size > MAX_ATTACHMENT_BYTES)
        ctx.addIssue({ code: "custom", message: `"${file.name}" is larger than 25 MB.` });
    }
  }),
);

export const statementFormSchema = z
  .object({
    id: idNumber.optional().or(z.literal("").transform(() => undefined)),
    version: idNumber.optional().or(z.literal("").transform(() => undefined)),
    direction: z.enum(["outgoing", "incoming"], { message: "Choose incoming or outgoing." }),
    intent: z.enum(["save", "submit", "post"]).default("save"),
    from: ids.refine((v) => v.length > 0, "Choose at least one sending group."),
    to: ids,
    fromContact: mailboxList(),
    fromLiaisonContact: optionalMailbox,
    toContact: mailboxList(),
    toLiaisonContact: optionalMailbox,
    title: z
      .string()
      .trim()
      .min(1, "Enter a title.")
      .max(255, "Keep the title to 255 characters.")
      .refine((t) => !/[\r\n\u0085\u2028\u2029]/.test(t), "The title must be one line.")
      .refine(noNul, NUL_MESSAGE),
    purpose: z.preprocess(
      (v) => (v === "" || v === undefined ? null : v),
      z.enum(["information", "action", "response"], { message: "Choose a purpose." }).nullable(),
    ),
    deadline: isoDateField,
    body: z
      .string()
      .max(1_000_000, "The body is too long (1 MB at most); attach long documents instead.")
      .refine(noNul, NUL_MESSAGE)
      .default(""),
    otherIdentifiers: z
      .string()
      .max(2000)
      .refine(noNul, NUL_MESSAGE)
      .default("")
      .transform((t) => [
        ...new Set(
          t
            .split(/[\n,]/)
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ]),
    consensus: z
      .enum(["wg_consensus", "chairs_judgement", "iesg_iab_position", "none_claimed"])
      .optional()
      .or(z.literal("").transform(() => undefined)),
    respondsTo: ids,
    receivedOn: isoDateField,
    confirmReceivedOn: z.string().optional(),
    /** "Record it anyway": an incoming For-action statement whose deadline has passed (issue 15 §2) */
    confirmPastDeadline: z.string().optional(),
    sendAcknowledgement: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
    attachments: files,
    attachmentTitles: z.preprocess(asArray, z.array(z.string().max(255).refine(noNul, NUL_MESSAGE))),
    /** the role the submitter acts in (a roleKey), when several fit (issue 15, section 5) */
    actingAs: z
      .string()
      .max(100)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** staff submitting: "Approve on behalf now", with who approved and how (issue 15, section 5) */
    approveOnBehalf: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true" || v === "yes"),
    onBehalfNote: z
      .string()
      .trim()
      .max(1000, "Keep the note to 1000 characters.")
      .refine(noNul, NUL_MESSAGE)
      .default(""),
  })
  // "Save draft" needs only a Title and a From group (issue 15 §2). Submit and Post check the rest here, all
  // at once with the other fields' errors (`when`: also when other fields failed), and once more in the
  // use-case against the stored statement (which counts the attachments it already has).
  .superRefine(
    (v, ctx) => {
      // (Not only submit/post: a tampered intent is refused anyway, and then every other error shows too.)
      if (v.intent === "save") return;
      const list = (x: unknown): readonly unknown[] => (Array.isArray(x) ? x : []);
      const missing = missingForSubmission({
        to: list(v.to) as number[],
        fromContact: list(v.fromContact) as string[],
        toContact: list(v.toContact) as string[],
        purpose: typeof v.purpose === "string" ? v.purpose : null,
        deadline: v.deadline instanceof Date ? v.deadline : null,
        respondsTo: list(v.respondsTo) as number[],
        // On edit, stored attachments count too: the use-case decides with them.
        hasContent: !!v.id || (typeof v.body === "string" && !!v.body.trim()) || list(v.attachments).length > 0,
      });
      const pastDeadline =
        v.direction === "outgoing" || v.direction === "incoming"
          ? pastDeadlineProblem(
              v.direction,
              v.purpose,
              v.deadline instanceof Date ? v.deadline : null,
              !!v.confirmPastDeadline,
            )
          : null;
      // Posting an incoming statement also asks to confirm an unusual date received: with the deadline's question,
      // so both are asked (and answered) at once — asked in turn, each answer was lost when the other was asked.
      const receivedOn =
        v.intent === "post" && v.direction === "incoming"
          ? receivedDateProblem(v.receivedOn instanceof Date ? v.receivedOn : null, !!v.confirmReceivedOn)
          : null;
      const problems: Record<string, string> = {
        ...(pastDeadline ? { deadline: pastDeadline } : {}),
        ...(receivedOn ? { receivedOn } : {}),
        ...missing,
      };
      for (const [field, message] of Object.entries(problems)) {
        if (!hasIssueAt(ctx, field)) ctx.addIssue({ code: "custom", path: [field], message });
      }
    },
    { when: () => true },
  )
  // Deadline is only offered For action: a stale value from switching purpose is dropped, not stored.
  .transform((v) => ({ ...v, deadline: v.purpose === "action" ? v.deadline : null }));

/** Whether a field already has its own error (a bad mailbox says more than "enter at least one"). */
function hasIssueAt(ctx: { issues?: readonly { path?: readonly PropertyKey[] }[] }, field: string): boolean {
  return (ctx.issues ?? []).some((issue) => issue.path?.[0] === field);
}

export type StatementFormInput = z.infer<typeof statementFormSchema>;
