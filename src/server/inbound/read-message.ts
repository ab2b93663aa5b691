import "server-only";
import { type ParsedMail, simpleParser } from "mailparser";
import { AppError } from "@/server/errors";
import { contentTypeFor, extensionOf, safeFileName, shownName, uniqueNamer, wasRenamed } from "./file-names";
import { findCoverSheet } from "./find-cover-sheet";
import { htmlAsText } from "./html-text";
import { DEFAULT_INBOUND_LIMITS, type ExtractLimits, formatBytes, type InboundLimits, MAX_BODY_CHARS } from "./limits";
import type { InboundFile, InboundMessage } from "./types";
import { expandZip, type ZipBudget } from "./unzip";

export type ReadOptions = Partial<InboundLimits> & { extractLimits?: Partial<ExtractLimits> };

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const oneLine = (text: string) =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
    .replace(/[\u0000-\u001f\u007f\u2028\u2029\u0085]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
const isZip = (name: string, type: string) =>
  extensionOf(name) === "zip" || /^application\/(x-)?zip(-compressed)?$/i.test(type);

/**
 * Reads one raw RFC 5322 message (issue 18): headers, the plain-text body (an HTML-only body as text),
 * the attachments with zips expanded one level, and the LS cover sheet. Bounded by `limits` (defaults in
 * ./limits.ts, ADR 024); what it skipped is in `warnings`. An empty, over-size or non-mail input is
 * refused with AppError("VALIDATION"); nothing inside a readable message makes it throw.
 */
export async function readInboundMessage(raw: Buffer, options: ReadOptions = {}): Promise<InboundMessage> {
  const limits: InboundLimits = { ...DEFAULT_INBOUND_LIMITS, ...options };
  if (!Buffer.isBuffer(raw) || raw.length === 0) throw new AppError("VALIDATION", "The message is empty.");
  if (raw.length > limits.maxMessageBytes)
    throw new AppError(
      "VALIDATION",
      `The message is ${formatBytes(raw.length)}, more than the ${formatBytes(limits.maxMessageBytes)} an incoming message may be; nothing was read.`,
    );
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
  } catch (error) {
    throw new AppError("VALIDATION", `The message could not be read as an e-mail (${(error as Error).message}).`);
  }
  if (!["from", "subject", "date", "message-id"].some((h) => mail.headers.has(h)))
    throw new AppError(
      "VALIDATION",
      "This is not an e-mail message: it has no From, Subject, Date or Message-ID header.",
    );

  const warnings: string[] = [];
  const bodyText = bodyOf(mail, warnings);
  const subject = oneLine(mail.subject ?? "");
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : undefined;
  const files = filesOf(mail, limits, warnings);
  const cover = await findCoverSheet(files, { subject, bodyText, date, extractLimits: options.extractLimits });
  warnings.push(...cover.warnings);
  return {
    messageId: messageIdOf(mail.messageId, warnings),
    from: mail.from?.text ? oneLine(mail.from.text) || undefined : undefined,
    subject,
    date,
    bodyText,
    files,
    coverSheet: cover.coverSheet,
    warnings,
  };
}

function bodyOf(mail: ParsedMail, warnings: string[]): string {
  let text = mail.text ?? "";
  if (!text.trim() && typeof mail.html === "string" && mail.html.trim()) {
    try {
      text = htmlAsText(mail.html);
    } catch {
      warnings.push("The HTML body could not be converted to text; it is left out.");
      text = "";
    }
  }
  text = text.replace(/\r\n?/g, "\n").replace(CONTROLS, "");
  if (text.length <= MAX_BODY_CHARS) return text;
  warnings.push(
    `The mail body was cut at ${MAX_BODY_CHARS.toLocaleString("en")} characters (the longest body a statement may have).`,
  );
  return text.slice(0, /[\ud800-\udbff]/.test(text.charAt(MAX_BODY_CHARS - 1)) ? MAX_BODY_CHARS - 1 : MAX_BODY_CHARS);
}

function messageIdOf(raw: string | undefined, warnings: string[]): string | undefined {
  if (!raw) return undefined;
  const id = raw.trim().replace(/^<|>$/g, "");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  if (!id || id.length > 500 || /[\s<>\u0000-\u001f\u007f]/.test(id)) {
    warnings.push("The Message-ID header is malformed; it is ignored.");
    return undefined;
  }
  return id;
}

function filesOf(mail: ParsedMail, limits: InboundLimits, warnings: string[]): InboundFile[] {
  const files: InboundFile[] = [];
  const unique = uniqueNamer();
  const budget: ZipBudget = {
    bytesLeft: limits.maxZipExpandedBytes,
    membersLeft: limits.maxZipMembers,
    maxMemberBytes: limits.maxAttachmentBytes,
  };
  const room = () => {
    if (files.length < limits.maxFiles) return true;
    warnings.push(`Only the first ${limits.maxFiles} files of the message were kept.`);
    return false;
  };
  for (const [index, attachment] of mail.attachments.entries()) {
    const original = attachment.filename ?? "";
    const extension = extensionOf(original) || (attachment.contentType === "message/rfc822" ? "eml" : "");
    const fallback = `attachment-${index + 1}${extension ? `.${extension}` : ""}`;
    const name = safeFileName(original, fallback);
    if (attachment.content.length > limits.maxAttachmentBytes) {
      warnings.push(
        `${name} was skipped: ${formatBytes(attachment.content.length)} is more than ${formatBytes(limits.maxAttachmentBytes)} per file.`,
      );
      continue;
    }
    if (!room()) break;
    const fileName = unique(name);
    if (original && wasRenamed(original, fileName))
      warnings.push(`The attachment "${shownName(original)}" was renamed ${fileName}.`);
    const contentType = (attachment.contentType || "application/octet-stream").toLowerCase();
    files.push({ fileName, contentType, bytes: attachment.content });
    if (!isZip(fileName, contentType)) continue;
    const expanded = expandZip(fileName, attachment.content, budget);
    warnings.push(...expanded.warnings);
    for (const [position, member] of expanded.members.entries()) {
      if (!room()) return files;
      const stem = fileName.replace(/\.zip$/i, "");
      const memberName = unique(safeFileName(member.name, `${stem}-file-${position + 1}`));
      if (wasRenamed(member.name, memberName))
        warnings.push(`${fileName} › "${shownName(member.name)}" was renamed ${memberName}.`);
      files.push({
        fileName: memberName,
        contentType: contentTypeFor(memberName),
        bytes: member.bytes,
        fromZip: fileName,
      });
      if (isZip(memberName, ""))
        warnings.push(`${fileName} › ${memberName} is a zip inside a zip; it is kept but not expanded.`);
    }
  }
  return files;
}
