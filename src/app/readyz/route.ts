import { connection } from "next/server";
import { evaluateReadiness, readinessFacts } from "@/server/ops/health";

/**
 * GET /readyz — readiness for a load balancer or a monitor: 200 when the database answers, the migrations of
 * this build are applied and the mail worker is alive; 503 otherwise and while the server is stopping. The JSON
 * says which check failed and reports the outbox backlog (src/server/ops/health.ts).
 */
export async function GET() {
  await connection();
  const readiness = evaluateReadiness(await readinessFacts(), Date.now());
  return Response.json(readiness, {
    status: readiness.status === "ready" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
