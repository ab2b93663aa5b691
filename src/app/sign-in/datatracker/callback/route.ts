import { env } from "@/env";
import { completeDatatrackerSignIn } from "@/server/auth/datatracker/flow";
import { takePendingSignIn } from "@/server/auth/datatracker/pending-cookie";
import { datatrackerFailure } from "@/server/auth/datatracker/route-support";
import { startSession } from "@/server/auth/session";

export const dynamic = "force-dynamic";

/** The provider's answer: on success the same session as a password sign-in (startSession), else /sign-in?error=…. */
export async function GET(request: Request): Promise<Response> {
  if (!env().oidc) return new Response("Datatracker sign-in is not configured here.", { status: 404 });
  const pending = await takePendingSignIn();
  try {
    const query = new URL(request.url).search;
    const { personId, sessionVersion, callbackPath } = await completeDatatrackerSignIn(
      `${env().appUrl}/sign-in/datatracker/callback${query}`,
      pending,
    );
    await startSession(personId, sessionVersion);
    return new Response(null, { status: 303, headers: { Location: callbackPath, "Cache-Control": "no-store" } });
  } catch (error) {
    return datatrackerFailure(error);
  }
}
