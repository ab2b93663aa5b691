import { GET as documentLink } from "@/app/documents/LIAISON/[file]/route";

/** Old attachment link `/lib/dt/documents/LIAISON/<uploaded_filename>` → the imported attachment, 301 (issue 17). */
export function GET(request: Request, context: { params: Promise<{ file: string }> }) {
  return documentLink(request, context);
}
