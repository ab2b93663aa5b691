import { handleSaveStatement } from "@/actions/statement-form";
import { env } from "@/env";
import { MAX_ATTACHMENT_BYTES, MAX_FORM_REQUEST_BYTES, TOO_LARGE_MESSAGE } from "@/lib/upload-limits";
import { currentActor } from "@/server/auth/actor";
import { BodyTooLargeError, parseStreamedForm, type StreamedForm } from "@/server/http/multipart";
import { uploadStaging } from "@/server/statements/attachments";

/**
 * The statement form's upload endpoint: the same pipeline as the server action (actor, zod, use-case,
 * FormState), reached by XMLHttpRequest so the browser can show upload progress for large attachments.
 * Without JavaScript the form posts to the server action instead. Nothing of the body is read before the
 * origin and the session are checked, and never more than the server action's body limit. Files stream to
 * temporary files as they arrive, hashed on the way, and are never held in memory (ADR 012).
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
  // The request's actor, checked before any of the body is read and used for the save (one session lookup per
  // request, as for every other request: a session that ends while the body arrives does not undo the upload).
  const actor = await currentActor();
  if (!actor) {
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
  let form: StreamedForm;
  const staging = await uploadStaging();
  const began = performance.now();
  try {
    form = await parseStreamedForm(request, {
      limit: MAX_FORM_REQUEST_BYTES,
      maxFileBytes: MAX_ATTACHMENT_BYTES,
      stagingDir: staging.dir,
      sync: staging.sync,
    });
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge();
    return Response.json(
      { status: "error", code: "VALIDATION", message: "The upload was incomplete. Try again." },
      { status: 400 },
    );
  }
  const received = performance.now();
  try {
    const state = await handleSaveStatement(form.formData, { actor });
    // The uploader's own request, in two phases (npm run bench:uploads reads it): receiving the body onto
    // disk (parse, hash, fsync), then the save (checks, storing the bytes, the transaction); and of the first,
    // the part after the body's last byte was read (the upload thread catching up, the fsync).
    const ms = (value: number) => value.toFixed(1);
    const timing = `receive;dur=${ms(received - began)}, sync;dur=${ms(received - form.lastByteAt)}, save;dur=${ms(performance.now() - received)}`;
    return Response.json(state, {
      status: state.status === "error" && state.code === "UNAUTHENTICATED" ? 401 : 200,
      headers: { "Server-Timing": timing },
    });
  } finally {
    await form.discard();
  }
}
