/** Builds raw e-mail messages (.eml bytes) for the inbound-mail tests with nodemailer's MailComposer. */
import MailComposer from "nodemailer/lib/mail-composer";

export interface TestMail {
  from?: string;
  to?: string;
  subject?: string;
  text?: string;
  html?: string;
  messageId?: string;
  date?: Date;
  attachments?: { filename: string; content: Buffer | string; contentType?: string }[];
}

export async function buildEml(mail: TestMail = {}): Promise<Buffer> {
  return new MailComposer({
    from: mail.from ?? "3GPP TSG SA2 Secretary <sa2-secretary@example.org>",
    to: mail.to ?? "statements@liaison.example.org",
    subject: mail.subject ?? "LS on QUIC multipath for ATSSS",
    text: mail.text ?? "Dear IETF QUIC WG,\n\nSA2 asks for feedback on multipath QUIC for ATSSS.\n\nBest regards,\nSA2",
    html: mail.html,
    messageId: mail.messageId ?? `<${Math.random().toString(36).slice(2)}@3gpp.example.org>`,
    date: mail.date ?? new Date("2026-11-20T09:30:00Z"),
    attachments: mail.attachments,
  })
    .compile()
    .build();
}

/** A small but valid one-page PDF. */
export const TINY_PDF = Buffer.from(
  "%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
