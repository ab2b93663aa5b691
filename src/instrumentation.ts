// Runs once when the Next.js server starts: the mail worker delivers the outbox inside `npm start`, and
// every request gets its socket's address stamped (the client address for rate limits; client-address.ts).
// On SIGTERM/SIGINT the server (scripts/serve.ts, src/server/http/shutdown.ts) runs the hooks registered here
// after the last request: the worker finishes its current send, then the database closes cleanly.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { installPeerAddressStamp } = await import("@/server/http/client-address");
  await installPeerAddressStamp();
  const { startMailWorker, stopMailWorker } = await import("@/server/jobs/mail-worker");
  const { closeDatabase } = await import("@/server/db");
  const { onShutdown } = await import("@/server/ops/process-state");
  startMailWorker();
  onShutdown("mail worker", stopMailWorker);
  // Issue 18 (ADR 025): incoming liaison mail — the SMTP listener when INBOUND_SMTP_PORT is set, and on the
  // embedded database the endpoint `npm run ingest` hands messages to while the app holds the database.
  const { env } = await import("@/env");
  const { startConfiguredSmtpListener } = await import("@/server/inbound/smtp-listener");
  const smtp = await startConfiguredSmtpListener();
  if (smtp) onShutdown("inbound smtp", smtp.close);
  if (!env().databaseUrl) {
    const { startHandoffEndpoint } = await import("@/server/inbound/handoff");
    onShutdown("inbound hand-off", await startHandoffEndpoint());
  }
  // Attachments' text for search (ADR 026): extracted in the background, in a bounded worker thread.
  const { startAttachmentTextWorker, stopAttachmentTextWorker } = await import("@/server/attachment-text/worker");
  startAttachmentTextWorker();
  onShutdown("attachment text worker", stopAttachmentTextWorker);
  onShutdown("database", closeDatabase);
}
