import "server-only";
import { simpleParser } from "mailparser";
import type { InboundMessage } from "./types";

/**
 * Reads one raw RFC 5322 message (issue 18). First version: headers, the plain-text body and the MIME
 * attachments. Zip expansion, cover-sheet reading and the hostile-input limits are built on this
 * signature (they must not change it).
 */
export async function readInboundMessage(raw: Buffer): Promise<InboundMessage> {
  const mail = await simpleParser(raw, { skipHtmlToText: false, skipTextLinks: true });
  return {
    messageId: mail.messageId?.replace(/^<|>$/g, "") || undefined,
    from: mail.from?.text || undefined,
    subject: mail.subject ?? "",
    date: mail.date,
    bodyText: mail.text ?? "",
    files: mail.attachments.map((a, i) => ({
      fileName: a.filename ?? `attachment-${i + 1}`,
      contentType: a.contentType || "application/octet-stream",
      bytes: a.content,
    })),
    warnings: [],
  };
}
