import { connection } from "next/server";
import { liveness } from "@/server/ops/health";

/** GET /healthz — liveness: the process answers (nothing else is checked; see src/server/ops/health.ts). */
export async function GET() {
  await connection();
  return Response.json(liveness(), { headers: { "cache-control": "no-store" } });
}
