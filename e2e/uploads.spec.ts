/**
 * Issue #8 item 4 — uploads over HTTP against the production server (the handler-level cases are in
 * tests/integration/uploads.test.ts): a request over the 110 MB total is refused with a clear message,
 * 50 files in one request are all stored, and a draft's attachments are served (attachment + nosniff) to
 * its submitter only — 404 for an anonymous visitor and for an unrelated signed-in user.
 */
import { writeFileSync } from "node:fs";
import { expect, test } from "./support/fixtures";
import { chooseGroup, signIn } from "./support/session";

const MB = 1024 * 1024;
type Upload = { name: string; mimeType: string; buffer: Buffer };

test("over HTTP: more than 110 MB is refused clearly, 50 files are stored, a draft's files stay private", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signIn(page, "chair@example.org", { landing: "/statements/new?direction=outgoing" });
  await chooseGroup(page, "From", "quic", /^QUIC/);
  await chooseGroup(page, "To", "3gpp-tsgsa-sa2"); // (lm-itu is unrelated to it)
  const from = await page.locator('input[type="hidden"][name="from"]').getAttribute("value");
  const to = await page.locator('input[type="hidden"][name="to"]').getAttribute("value");
  const origin = new URL(baseURL!).origin;
  // Posted like the form's upload XHR: multipart to /statements/save with the session cookie and Origin.
  const post = (title: string, files: Upload[]) => {
    const form = new FormData();
    const fields: Record<string, string> = {
      direction: "outgoing",
      intent: "save",
      from: from!,
      to: to!,
      fromContact: "Quentin Hale <chair@example.org>",
      toContact: "SA2 <sa2-chair@example.net>",
      title,
      purpose: "information",
      body: "See the attachments.",
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files)
      form.append("attachments", new Blob([new Uint8Array(f.buffer)], { type: f.mimeType }), f.name);
    return page.request.fetch("/statements/save", {
      method: "POST",
      headers: { origin },
      multipart: form,
      timeout: 120_000,
    });
  };

  // 5 × 23 MB: each file within the 25 MB limit, the request not.
  const big = Array.from({ length: 5 }, (_, i) => ({
    name: `annex-${i}.pdf`,
    mimeType: "application/pdf",
    buffer: Buffer.alloc(23 * MB, 0x25),
  }));
  const tooMuch = await post(`Too much ${Date.now()}`, big);
  expect(tooMuch.status()).toBe(413);
  expect(await tooMuch.json()).toMatchObject({
    status: "error",
    message: expect.stringMatching(/larger than 110 MB in total/),
  });

  // 50 files at once: all stored, listed on the statement page.
  const files = Array.from({ length: 50 }, (_, i) => ({
    name: `annex-${String(i).padStart(2, "0")}.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from(`annex ${i}\n`),
  }));
  const saved = await post(`Fifty annexes ${Date.now()}`, files);
  expect(saved.status()).toBe(200);
  const state = (await saved.json()) as { status: string; redirectTo: string };
  expect(state.status).toBe("success");
  await page.goto(state.redirectTo);
  const attachments = page.getByRole("region", { name: "Attachments" });
  await expect(attachments.getByRole("listitem")).toHaveCount(50);
  const hrefs = await attachments
    .locator('a[href*="/attachments/"]')
    .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("href")!))]);
  expect(hrefs).toHaveLength(50);

  // The draft's files: the submitter downloads them (attachment, nosniff); nobody else learns they exist.
  const own = await page.request.get(hrefs[7]!);
  expect(own.status()).toBe(200);
  expect(await own.text()).toBe("annex 7\n");
  expect(own.headers()["content-disposition"]).toBe(
    `attachment; filename="annex-07.txt"; filename*=UTF-8''annex-07.txt`,
  );
  expect(own.headers()["x-content-type-options"]).toBe("nosniff");

  const anonymous = await browser.newContext();
  const unrelated = await browser.newContext();
  const unrelatedPage = await unrelated.newPage();
  await signIn(unrelatedPage, "lm-itu@example.org");
  for (const href of [hrefs[0]!, hrefs[49]!]) {
    expect((await anonymous.request.get(`${origin}${href}`)).status(), `anonymous ${href}`).toBe(404);
    expect((await unrelatedPage.request.get(href)).status(), `lm-itu ${href}`).toBe(404);
  }
  await anonymous.close();
  await unrelated.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a form post over 110 MB (three 40 MB files) gets a page that says why, not a server error", async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    await signIn(page, "chair@example.org", { landing: "/statements/new?direction=outgoing" });
    await page.getByRole("group", { name: "From" }).getByRole("checkbox", { name: /QUIC/ }).check();
    await page
      .getByRole("group", { name: "To" })
      .getByRole("checkbox", { name: /itu-t-sg15/ })
      .check();
    await page.getByRole("textbox", { name: "Title", exact: true }).fill("Too large without JavaScript");
    await page.getByLabel("Purpose").selectOption("information");
    await page.getByLabel("Body").fill("Three large files.");
    const inputs = page.locator('input[type="file"]');
    expect(await inputs.count()).toBe(3);
    const chunk = Buffer.alloc(40 * MB, 0x41);
    for (let i = 0; i < 3; i++) {
      const file = testInfo.outputPath(`large-${i + 1}.txt`);
      writeFileSync(file, chunk);
      await inputs.nth(i).setInputFiles(file);
    }
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/statements/new")),
      page.getByRole("button", { name: "Save draft" }).click(),
    ]);
    expect(response.status()).toBe(413);
    await expect(page.getByRole("heading", { name: "Upload too large" })).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("larger than 110 MB in total");
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
  });
});
