import { env } from "@/env";
import { cachedJson, preflight } from "@/server/archive/http";
import { openApiDocument } from "@/server/archive/openapi";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 description of this API. */
export function GET(request: Request) {
  return cachedJson(request, openApiDocument(env().appUrl));
}

export function OPTIONS() {
  return preflight();
}
