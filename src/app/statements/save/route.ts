import { handleSaveStatement } from "@/actions/statement-form";
import { env } from "@/env";

/**
 * The statement form's upload endpoint: the same pipeline as the server action (actor, zod, use-case,
 * FormState), reached by XMLHttpRequest so the browser can show upload progress for large attachments.
 * Without JavaScript the form posts to the server action instead.
 */
export async function POST(request: Request) {
  // Server actions check the origin; this endpoint does the same (the session cookie is SameSite=Lax too).
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  const allowed = new Set([new URL(env().appUrl).host, host].filter(Boolean));
  if (!origin || !allowed.has(new URL(origin).host)) {
    return Response.json({ status: "error", code: "FORBIDDEN", message: "Cross-site request refused." }, { status: 403 });
  }
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return Response.json({ status: "error", code: "VALIDATION", message: "The upload was incomplete. Try again." }, { status: 400 });
  }
  const state = await handleSaveStatement(formData);
  return Response.json(state, { status: state.status === "error" && state.code === "UNAUTHENTICATED" ? 401 : 200 });
}
