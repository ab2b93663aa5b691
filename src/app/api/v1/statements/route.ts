import { apiListStatements } from "@/server/archive/api";
import { parseArchiveQuery } from "@/server/archive/filters";
import { cachedJson, jsonError, preflight } from "@/server/archive/http";

/** GET /api/v1/statements: search and list public statements (docs/domain.md "Contracts"; openapi.json). */
export async function GET(request: Request) {
  const parsed = parseArchiveQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return jsonError(400, "Invalid query parameters.", parsed.fields);
  return cachedJson(request, await apiListStatements(parsed.filters));
}

export function OPTIONS() {
  return preflight();
}
