/**
 * The e2e mail sink on its own, for trying mail by hand:
 *   npx tsx e2e/support/mail-sink-server.ts            (SMTP 2525, HTTP 2580)
 *   SMTP_URL=smtp://127.0.0.1:2525 npm start            then: curl http://127.0.0.1:2580/messages
 * MAIL_SINK_SMTP_PORT / MAIL_SINK_HTTP_PORT override the ports.
 */
import { startMailSink } from "./mail-sink";

const sink = await startMailSink({
  smtpPort: Number(process.env.MAIL_SINK_SMTP_PORT ?? 2525),
  httpPort: Number(process.env.MAIL_SINK_HTTP_PORT ?? 2580),
});
console.log(`[mail-sink] SMTP on smtp://127.0.0.1:${sink.smtpPort}, messages at ${sink.httpUrl}/messages`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void sink.close().then(() => process.exit(0));
  });
}
