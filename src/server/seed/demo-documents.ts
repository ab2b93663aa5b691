import "server-only";
import type { DemoAttachment } from "./demo-types";

/**
 * Real, small attachment bytes for the demo: a one-page PDF that viewers open, or UTF-8 plain text.
 * Built here rather than stored as binary files so the demo data stays reviewable text.
 */
export function renderAttachment(attachment: DemoAttachment): { content: Uint8Array; contentType: string } {
  return attachment.kind === "pdf"
    ? { content: minimalPdf(attachment.title, attachment.text), contentType: "application/pdf" }
    : { content: new TextEncoder().encode(attachment.text), contentType: "text/plain; charset=utf-8" };
}

const PAGE_WIDTH_CHARS = 90;
const MAX_LINES = 60;

/** Helvetica's standard encoding is not Unicode: keep printable ASCII and escape PDF string delimiters. */
function pdfString(text: string): string {
  const ascii = text.normalize("NFKD").replace(/[^\x20-\x7e]/g, (c) => (/\p{M}/u.test(c) ? "" : "?"));
  return `(${ascii.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function wrap(text: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let rest = paragraph;
    while (rest.length > PAGE_WIDTH_CHARS) {
      const cut = rest.lastIndexOf(" ", PAGE_WIDTH_CHARS);
      const at = cut > 0 ? cut : PAGE_WIDTH_CHARS;
      lines.push(rest.slice(0, at));
      rest = rest.slice(at).trimStart();
    }
    lines.push(rest);
  }
  return lines.slice(0, MAX_LINES);
}

/** A valid single-page PDF 1.4 (correct xref byte offsets) showing the title and the text. */
export function minimalPdf(title: string, text: string): Uint8Array {
  const lines = [title, "", ...wrap(text)];
  const stream = [
    "BT",
    "/F1 11 Tf",
    "14 TL",
    "56 790 Td",
    ...lines.map((line, i) => `${i === 0 ? "" : "T* "}${pdfString(line)} Tj`),
    "ET",
  ].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    `<< /Title ${pdfString(title)} /Producer (Liaison statement tracker demo data) >>`,
  ];
  // Everything is ASCII, so string length equals byte length and the offsets below are exact.
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}
