/**
 * Issue 18, search inside attachments (ADR 026): a liaison manager records an incoming statement with a PDF
 * through the form; the app reads the PDF's text in the background; a search for a word that occurs only
 * inside the PDF then finds the statement, and the result says it was found in that file. Needs the PDF
 * reader of src/server/inbound/extract-text.ts (issue 18's reader, merged beside this).
 */
import { PDFDocument, StandardFonts } from "pdf-lib";
import { expect, test } from "./support/fixtures";
import { chooseGroup, signIn, signOut } from "./support/session";

/** A word no other statement has: letters only, so the search parser keeps it whole. */
const uniqueWord = () =>
  `fronthaul${Date.now()
    .toString()
    .replace(/\d/g, (d) => "abcdefghij"[Number(d)]!)}`;

async function pdfWith(lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const [i, line] of lines.entries()) page.drawText(line, { x: 50, y: 760 - i * 18, size: 11, font });
  return Buffer.from(await pdf.save());
}

test("a word only inside a PDF attachment finds the statement, and the result names the file", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const word = uniqueWord();
  const title = `LS on synchronisation budgets ${Date.now()}`;
  await signIn(page, "lm-itu@example.org", { landing: "/statements/new?direction=incoming" });
  await chooseGroup(page, "From", "itu-t-sg15");
  await chooseGroup(page, "To", "quic", /^QUIC/);
  await page.getByLabel("From-Contact").fill("ITU-T SG15 Chair <sg15-chair@example.net>");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByLabel("Body").fill("Please find the liaison statement attached.");
  await page.getByLabel("File 1", { exact: true }).setInputFiles({
    name: "SG15-LS123.pdf",
    mimeType: "application/pdf",
    buffer: await pdfWith([
      "INTERNATIONAL TELECOMMUNICATION UNION - STUDY GROUP 15",
      "LIAISON STATEMENT SG15-LS123",
      `Study Group 15 asks the IETF about the ${word} timing budget between radio units`,
      "and the distributed unit, and about packet delay variation on that segment.",
    ]),
  });
  await page.getByRole("button", { name: "Post" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();

  // Posting did not wait for the PDF to be read: the page says where its text stands, then that it is searchable.
  const attachments = page.getByRole("region", { name: "Attachments" });
  await expect(async () => {
    await page.reload();
    await expect(attachments).toContainText(/Text searchable \(\d+ characters\)/, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await signOut(page);

  // Anyone searching the archive finds it by the word inside the PDF, "in SG15-LS123.pdf: … word …".
  await page.goto(`/statements?q=${word}`);
  const row = page.getByRole("row", { name: new RegExp(title) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(`in SG15-LS123.pdf:`);
  await expect(row.locator("mark", { hasText: word })).toBeVisible();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`attachment-search-${width}.png`), fullPage: width === 390 });
  }
  // The JSON API finds it too; the Atom feed stays well-formed.
  const api = await page.request.get(`/api/v1/statements?q=${word}`);
  expect(((await api.json()) as { items: { title: string }[] }).items.map((s) => s.title)).toEqual([title]);
  const feed = await page.request.get("/feeds/statements.atom");
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain(title);
});
