// Runs once when the Next.js server starts: the mail worker delivers the outbox inside `npm start`, and
// every request gets its socket's address stamped (the client address for rate limits; client-address.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { installPeerAddressStamp } = await import("@/server/http/client-address");
  await installPeerAddressStamp();
  const { startMailWorker } = await import("@/server/mail/worker");
  startMailWorker();
}
