/**
 * Issue 18: the app's SMTP listener — a message sent with nodemailer arrives as a draft; a wrong recipient,
 * an over-size message and a wrong password are refused in the SMTP dialogue, and nothing is stored.
 */
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpListener } from "@/server/inbound/smtp-listener";
import { setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
const ADDRESS = "statements@liaison.example.org";
let listener: { port: number; close: () => Promise<void> };

beforeAll(async () => {
  listener = await startSmtpListener({
    port: 0,
    host: "127.0.0.1",
    addresses: [ADDRESS],
    auth: { user: "mta", password: "s3cret-relay" },
    maxMessageBytes: 200_000,
  });
});
afterAll(async () => listener?.close());

const transport = (auth = { user: "mta", pass: "s3cret-relay" }) =>
  nodemailer.createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true, auth });

const mail = (overrides: Record<string, unknown> = {}) => ({
  from: "3GPP TSG SA2 Secretary <sa2-secretary@example.org>",
  to: ADDRESS,
  subject: "LS on QUIC over SMTP (S2-2417777)",
  text: "Dear IETF,\n\nSent through the listener.\n",
  ...overrides,
});

describe(`the inbound SMTP listener (${testEngine})`, () => {
  it("a message sent with nodemailer becomes a draft, and the reply names it", async () => {
    const info = await transport().sendMail(mail());
    expect(info.response).toMatch(/^250 .*Recorded as a draft: http:\/\/\S+\/statements\/\d+/);
    const id = Number(/statements\/(\d+)/.exec(info.response)?.[1]);
    const st = await world().prisma.statement.findUniqueOrThrow({ where: { id }, include: { inboundMail: true } });
    expect([st.state, st.title, st.inboundMail?.channel]).toEqual([
      "draft",
      "LS on QUIC over SMTP (S2-2417777)",
      "smtp",
    ]);
    // The relay delivering the same message again (a retry): no second draft, and the reply says so, not "Recorded".
    const again = await transport().sendMail(mail({ messageId: st.inboundMail?.messageId }));
    expect(again.response).toMatch(/^250 .*Already received \(the same Message-ID\): no second draft was made/);
    expect(again.response).toContain(`/statements/${id}`);
  });

  it("refuses a recipient other than INBOUND_ADDRESS, an over-size message and a wrong password", async () => {
    const db = world();
    const before = await db.prisma.statement.count();
    await expect(
      transport().sendMail(mail({ to: "someone-else@liaison.example.org", subject: "wrong rcpt" })),
    ).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(transport().sendMail(mail({ subject: "too big", text: "x".repeat(300_000) }))).rejects.toMatchObject({
      responseCode: 552,
    });
    await expect(
      transport({ user: "mta", pass: "guess" }).sendMail(mail({ subject: "wrong password" })),
    ).rejects.toMatchObject({
      responseCode: 535,
    });
    expect(await db.prisma.statement.count()).toBe(before);
  });
});
