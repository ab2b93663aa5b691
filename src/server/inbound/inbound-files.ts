import "server-only";
import { contentTypeFor, type PreparedAttachment, sanitizeFilename } from "@/server/statements/attachments";
import { MAX_ATTACHMENT_BYTES } from "@/server/statements/schema";
import type { InboundFile } from "./types";

/**
 * Issue 18: which files of a message become the draft's attachments — every MIME part and zip member of a type
 * we accept (the zip too), ≤ 25 MB, titled with the zip it came from. The rest stays in the original message
 * only, and `warnings` says so (shown on the draft).
 */
export function prepareInboundFiles(files: readonly InboundFile[], warnings: string[]): PreparedAttachment[] {
  const prepared: PreparedAttachment[] = [];
  for (const file of files) {
    const filename = sanitizeFilename(file.fileName);
    const contentType = contentTypeFor(filename);
    const from = file.fromZip ? ` (in ${sanitizeFilename(file.fromZip)})` : "";
    if (!contentType)
      warnings.push(`"${filename}"${from} is not a type we keep as an attachment; it is in the original message.`);
    else if (file.bytes.length === 0) warnings.push(`"${filename}"${from} is empty and was not attached.`);
    else if (file.bytes.length > MAX_ATTACHMENT_BYTES)
      warnings.push(`"${filename}"${from} is larger than 25 MB; it is in the original message.`);
    else
      prepared.push({
        title: `${filename}${from}`.slice(0, 255),
        filename,
        contentType,
        file: new File([new Uint8Array(file.bytes)], filename, { type: contentType }),
      });
  }
  return prepared;
}
