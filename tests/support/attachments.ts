/** The stored bytes of an attachment, read back through the attachment store (ADR 012). */
import type { Database } from "@/server/db/connection";

export async function storedBytes(db: Database, sha256: string): Promise<Buffer> {
  const stream = await db.attachments.open(sha256);
  if (!stream) throw new Error(`no bytes stored under ${sha256}`);
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
