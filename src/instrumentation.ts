// Runs once when the Next.js server starts: the mail worker delivers the outbox inside `npm start`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startMailWorker } = await import("@/server/mail/worker");
  startMailWorker();
}
