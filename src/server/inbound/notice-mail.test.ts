import { describe, expect, it } from "vitest";
import { inboundNoticeMail } from "./notice-mail";

describe("the notice of a draft received by e-mail", () => {
  it("links the form, names the sender as unverified, and says what was read and what is left", () => {
    const mail = inboundNoticeMail({
      title: "LS on multipath QUIC",
      editUrl: "https://liaison.example.org/statements/42/edit",
      sender: "3GPP TSG SA2 Secretary <sa2-secretary@example.org>",
      subject: "LS on multipath QUIC (S2-2410123)",
      notes: {
        title: { kind: "read", from: "S2-2410123.docx", text: "Title: LS on multipath QUIC" },
        to: { kind: "left", text: 'Not recognised as IETF groups: "ETSI TC Cyber".' },
      },
      attachments: ["S2-2410123.zip", "S2-2410123.docx"],
      warnings: ['"logo.png" is not a type we keep as an attachment; it is in the original message.'],
    });
    if (process.env.SHOW_MAIL) console.log(`${mail.subject}\n\n${mail.body}`);
    expect(mail.subject).toBe('Received by e-mail, waiting for you: "LS on multipath QUIC"');
    expect(mail.body).toContain("Review and post: https://liaison.example.org/statements/42/edit");
    expect(mail.body).toContain(
      "Sender (as written, not verified): 3GPP TSG SA2 Secretary <sa2-secretary@example.org>",
    );
    expect(mail.body).toContain("Pre-filled:\n  Title: read from S2-2410123.docx\n");
    expect(mail.body).toMatch(/Left for you:\n(.*\n)* {2}To: Not recognised as IETF groups: "ETSI TC Cyber"\./);
    expect(mail.body).toMatch(/Left for you:\n(.*\n)* {2}Purpose\n/);
    expect(mail.body).toContain("logo.png");
  });
});
