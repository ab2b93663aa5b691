/**
 * How much one statement form may carry. Shared by the form's schema, the upload endpoint and the proxy (which
 * answers an over-size post before its body is read); next.config.mjs states the same 110 MB as Next.js's own
 * body limits (upload-limits.test.ts checks they agree).
 */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** A whole form post with its attachments. */
export const MAX_FORM_REQUEST_BYTES = 110 * 1024 * 1024;

const MB = 1024 * 1024;

/** The message for a post over MAX_FORM_REQUEST_BYTES, wherever it is refused. */
export const TOO_LARGE_MESSAGE = `The upload is larger than ${MAX_FORM_REQUEST_BYTES / MB} MB in total. Attach fewer files at a time (${MAX_ATTACHMENT_BYTES / MB} MB each at most); nothing was saved.`;

/**
 * A request body from someone without a valid session. The forms anyone may send — sign in, sign-in link,
 * forgot and reset password, accept an invitation — are a few hundred bytes; the app's HTTP server refuses
 * anything larger before reading it (src/server/http/request-guard.ts).
 */
export const MAX_ANONYMOUS_REQUEST_BYTES = 64 * 1024;
