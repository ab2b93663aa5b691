import { notFoundResponse, permanentRedirect } from "@/server/import/legacy-response";

/** Old Datatracker link `/liaison/<id>/history/` → the statement's history section (issue 17). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return notFoundResponse();
  return permanentRedirect(`/statements/${id}#history`, 308);
}
