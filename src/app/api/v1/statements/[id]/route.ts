import { apiGetStatement } from "@/server/archive/api";
import { cachedJson, jsonError, preflight } from "@/server/archive/http";

/** GET /api/v1/statements/<id>: one public statement; 404 for unknown and non-public ones alike. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const statement = /^\d{1,10}$/.test(id) ? await apiGetStatement(Number(id)) : null;
  if (!statement) return jsonError(404, "No public liaison statement has this id.");
  return cachedJson(request, statement);
}

export function OPTIONS() {
  return preflight();
}
