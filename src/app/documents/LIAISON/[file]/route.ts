import { importedAttachmentLocation } from "@/server/import/legacy-links";
import { notFoundResponse, permanentRedirect } from "@/server/import/legacy-response";

/** Old attachment link `/documents/LIAISON/<uploaded_filename>` → the imported attachment, 301 (issue 17). */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  // Next hands the segment decoded; a name that still holds %xx is tried as written, then decoded once.
  let decoded = file;
  try {
    decoded = decodeURIComponent(file);
  } catch {}
  const location =
    (await importedAttachmentLocation(file)) ?? (decoded !== file ? await importedAttachmentLocation(decoded) : null);
  return location ? permanentRedirect(location) : notFoundResponse();
}
