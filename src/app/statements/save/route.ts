import { handleSaveStatement } from "@/actions/statement-form";
import { env } from "@/env";
import { currentActor } from "@/server/auth/actor";
import { MAX_FORM_REQUEST_BYTES, TOO_LARGE_MESSAGE } from "@/lib/upload-limits";

/** The request body as form data, refusing (null) once more than `limit` bytes arrive, whatever Content-Length said. */
async function limitedFormData(request: Request, limit: number): Promise<FormData | null> {
  if (!request.body) return request.formData();
  let seen = 0;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new Error("request body too large"));
        else controller.enqueue(chunk);
      },
    }),
  );
  try {
    return await new Response(counted, {
      headers: { "content-type": request.headers.get("content-type") ?? "" },
    }).formData();
  } catch (error) {
    if (seen > limit) return null;
    throw error;
  }
}

/**
 * The statement form's upload endpoint: the same pipeline as the server action (actor, zod, use-case,
 * FormState), reached by XMLHttpRequest so the browser can show upload progress for large attachments.
 * Without JavaScript the form posts to the server action instead. Nothing of the body is read before the
 * origin and the session are checked, and never more than the server action's body limit.
 */
export async function POST(request: Request) {
  // Server actions check the origin; this endpoint does the same (the session cookie is SameSite=Lax too).
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  const allowed = new Set([new URL(env().appUrl).host, host].filter(Boolean));
  // (`Origin: null` and other unparsable values are refused like any other site.)
  if (!origin || !URL.canParse(origin) || !allowed.has(new URL(origin).host)) {
    return Response.json(
      { status: "error", code: "FORBIDDEN", message: "Cross-site request refused." },
      { status: 403 },
    );
  }
  if (!(await currentActor())) {
    return Response.json(
      { status: "error", code: "UNAUTHENTICATED", message: "Your session has ended. Sign in and try again." },
      { status: 401 },
    );
  }
  const tooLarge = () =>
    Response.json(
      {
        status: "error",
        code: "VALIDATION",
        message: TOO_LARGE_MESSAGE,
        fieldErrors: { attachments: TOO_LARGE_MESSAGE },
      },
      { status: 413 },
    );
  if (Number(request.headers.get("content-length") ?? 0) > MAX_FORM_REQUEST_BYTES) return tooLarge();
  let formData: FormData | null;
  try {
    formData = await limitedFormData(request, MAX_FORM_REQUEST_BYTES);
  } catch {
    return Response.json(
      { status: "error", code: "VALIDATION", message: "The upload was incomplete. Try again." },
      { status: 400 },
    );
  }
  if (!formData) return tooLarge();
  const state = await handleSaveStatement(formData);
  return Response.json(state, { status: state.status === "error" && state.code === "UNAUTHENTICATED" ? 401 : 200 });
}
