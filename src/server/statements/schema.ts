import { z } from "zod";
import { parseIsoDate } from "@/lib/dates";
import { MAX_DB_ID } from "@/lib/ids";
import { parseMailbox, parseMailboxList } from "@/lib/mailbox";
import { MAX_ATTACHMENT_BYTES } from "@/lib/upload-limits";

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

const mailboxList = (label: string) =>
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
      if (result.mailboxes.length === 0) {
        ctx.addIssue({ code: "custom", message: `Enter at least one ${label} address.` });
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
    to: ids.refine((v) => v.length > 0, "Choose at least one receiving group."),
    fromContact: mailboxList("From-Contact"),
    fromLiaisonContact: optionalMailbox,
    toContact: mailboxList("To-Contact"),
    toLiaisonContact: optionalMailbox,
    title: z
      .string()
      .trim()
      .min(1, "Enter a title.")
      .max(255, "Keep the title to 255 characters.")
      .refine((t) => !/[\r\n\u0085\u2028\u2029]/.test(t), "The title must be one line.")
      .refine(noNul, NUL_MESSAGE),
    purpose: z.enum(["information", "action", "response"], { message: "Choose a purpose." }),
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
    sendAcknowledgement: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
    attachments: files,
    attachmentTitles: z.preprocess(asArray, z.array(z.string().max(255).refine(noNul, NUL_MESSAGE))),
    /** the role the submitter acts in (a roleKey), when several fit (issue 15, section 5) */
    actingAs: z.string().max(100).optional().or(z.literal("").transform(() => undefined)),
    /** staff submitting: "Approve on behalf now", with who approved and how (issue 15, section 5) */
    approveOnBehalf: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true" || v === "yes"),
    onBehalfNote: z.string().trim().max(1000, "Keep the note to 1000 characters.").refine(noNul, NUL_MESSAGE).default(""),
  })
  // Cross-field rules run even when other fields failed (`when`), so every error shows at once.
  .refine((v) => v.purpose !== "action" || !!v.deadline, {
    path: ["deadline"],
    message: "A For action statement needs a deadline.",
    when: () => true,
  })
  .refine((v) => v.purpose !== "response" || (Array.isArray(v.respondsTo) && v.respondsTo.length > 0), {
    path: ["respondsTo"],
    message: "Choose the statement(s) this one responds to.",
    when: () => true,
  })
  // (On edit, existing attachments count too: the use-case re-checks with them.)
  // (These run on invalid input too: a field may have any type here.)
  .refine(
    (v) =>
      !!v.id ||
      (typeof v.body === "string" && !!v.body.trim()) ||
      (Array.isArray(v.attachments) && v.attachments.length > 0),
    {
      path: ["body"],
      message: "Enter a body or attach at least one document.",
      when: () => true,
    },
  )
  // Deadline is only offered For action: a stale value from switching purpose is dropped, not stored.
  .transform((v) => ({ ...v, deadline: v.purpose === "action" ? v.deadline : null }));

export type StatementFormInput = z.infer<typeof statementFormSchema>;
