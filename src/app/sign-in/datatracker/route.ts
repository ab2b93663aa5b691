import { env } from "@/env";
import { beginDatatrackerSignIn } from "@/server/auth/datatracker/flow";
import { keepPendingSignIn } from "@/server/auth/datatracker/pending-cookie";
import { datatrackerFailure } from "@/server/auth/datatracker/route-support";
import { safeCallbackPath } from "@/server/auth/email-links";

export const dynamic = "force-dynamic";

/** "Sign in with IETF Datatracker": off to the provider's authorization endpoint (docs/decisions/016). */
export async function GET(request: Request): Promise<Response> {
  if (!env().oidc) return new Response("Datatracker sign-in is not configured here.", { status: 404 });
  const callbackUrl = new URL(request.url).searchParams.get("callbackUrl") ?? undefined;
  try {
    const { url, pending } = await beginDatatrackerSignIn(safeCallbackPath(callbackUrl));
    await keepPendingSignIn(pending);
    return new Response(null, { status: 303, headers: { Location: url, "Cache-Control": "no-store" } });
  } catch (error) {
    return datatrackerFailure(error);
  }
}
