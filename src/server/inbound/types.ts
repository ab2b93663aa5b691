/**
 * Issue 18: the contract between reading an inbound liaison e-mail (src/server/inbound/read-message.ts,
 * pure: no database) and what is done with it (the ingestion use-case, attachment text search).
 *
 * Reading never decides about groups or statements: it returns the texts it found and where it found
 * them; the ingestion use-case maps them to the directory and to earlier statements.
 */

/** Where a pre-filled value was read from, shown to the liaison manager beside the field. */
export type FieldSource = {
  /** "subject", "mail body", "sender", or the file name ("S2-2410123.docx", "S2-2410123.zip › cover.docx") */
  from: string;
  /** the text it was read from, as found (one line or a short paragraph, trimmed, ≤ 500 characters) */
  text: string;
};

/** A value read from the message, with its source. */
export type Read<T> = { value: T; source: FieldSource };

/** One file of the message: a MIME attachment, or a member of an attached zip (`fromZip` names the zip). */
export type InboundFile = {
  /** a safe base name (no directories, no control characters), ≤ 255 characters */
  fileName: string;
  contentType: string;
  bytes: Buffer;
  /** the zip's own file name when this file was expanded from it; the zip itself is also in `files` */
  fromZip?: string;
};

/** The cover-sheet fields of a 3GPP LS or an ITU-T LS (or a plain-text LS in the mail body). */
export type CoverSheet = {
  kind: "3gpp" | "itu-t" | "plain";
  title?: Read<string>;
  /** the peer's document numbers: Tdoc (S2-2410123), LS number (SG15-LS123) */
  identifiers: Read<string>[];
  /** "Response to:" (3GPP) — the peer document numbers this statement answers */
  responseTo: Read<string>[];
  /** "Source:" — the sending body as written ("3GPP TSG SA WG2", "ITU-T Study Group 15") */
  source?: Read<string>;
  /** "To:" (3GPP) or the "For action to:" / "For comment to:" / "For information to:" lines (ITU-T) */
  to: Read<string>[];
  cc: Read<string>[];
  /** "Contact person:" / "Contact:" as RFC 5322 mailboxes where an address was found */
  contacts: Read<string>[];
  /** "Send any reply LS to:" → From-Liaison-Contact */
  replyTo?: Read<string>;
  purpose?: Read<"action" | "comment" | "information">;
  /** YYYY-MM-DD: "Deadline:" (ITU-T) or a suggestion from "Date of next … meetings" (3GPP) */
  deadline?: Read<string>;
  /** the "ACTION:" paragraph or the ITU-T "for action" text, for the body */
  actionText?: Read<string>;
  /**
   * other fields as found, by their label, each value written "Label: value" ("Release: Rel-19", "Work Item:
   * ATSSS_Ph4", "Question(s): 10/15", "Approval: …", "Attachments: …"; also "Response to: …", "Contact: …",
   * "Deadline: …", "Send any reply LS to: …" when no number, address or date could be read from them)
   */
  other: Read<string>[];
};

/** An inbound e-mail as read. */
export type InboundMessage = {
  /** without angle brackets; undefined when the message has none */
  messageId?: string;
  /** RFC 5322 mailbox of From: ("Name <addr>"); forged easily: used only to pre-fill, never to trust */
  from?: string;
  subject: string;
  date?: Date;
  /** the plain-text body (an HTML-only body converted to text, never kept as HTML) */
  bodyText: string;
  files: InboundFile[];
  /** the cover sheet read from the attachments or the body; undefined when none was recognised */
  coverSheet?: CoverSheet;
  /** problems that did not stop reading (a broken PDF, a skipped zip member), each a sentence */
  warnings: string[];
};

/** Text extracted from one attachment for search and cover-sheet reading. */
export type ExtractedText = { ok: true; text: string; truncated: boolean } | { ok: false; reason: string };
