/**
 * Issue #8 item 3 — injection, in the browser. The 3GPP liaison manager records and posts an incoming
 * statement through the form with markup, script and `javascript:` URLs in the title, body, contacts,
 * identifiers and attachment name/title. Every page that shows it — signed in (React pages) and signed
 * out (script-free documents) — must leave it inert: no dialog, no script ran (window flag), no element or
 * event-handler attribute from the payload in the DOM, no javascript:/data:/vbscript: link.
 * (Feeds, API, mail, highlighting and the linkifier are covered in tests/integration/injection.test.ts.)
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { chooseGroup, signIn, signOut } from "./support/session";

const word = `zqxinject${Date.now().toString(36)}`;
const TITLE = `${word} <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> "javascript:alert(3)"`;
const BODY = [
  "<script>window.__pwned=4</script>",
  '<a href="javascript:window.__pwned=5">click</a>',
  "javascript:alert(6) JaVaScRiPt:alert(7)",
  "http://example.org/ok?a=1&b=2",
  'https://example.org/"><img src=x onerror=window.__pwned=8>',
  "data:text/html,<script>alert(9)</script> vbscript:msgbox(10)",
  `<svg onload="window.__pwned=11"></svg> ${word}`,
].join("\n");
const FROM_CONTACT = `"javascript:alert(12)" <js@example.net>\nEve "the 'hacker'" O'Brien & co <eve@example.net>`;
const IDENTIFIER = '<b onmouseover="window.__pwned=13">S2-1</b>';
const FILE_NAME = '<img src=x onerror="window.__pwned=14">.html';
const FILE_TITLE = "<script>window.__pwned=15</script>";

/** Everything a successful injection would leave behind, read from the live DOM. */
async function traces(page: Page) {
  return page.evaluate(() => {
    const elements = [...document.querySelectorAll("*")];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      handlerAttributes: elements.flatMap((e) =>
        [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}[${a.name}]`),
      ),
      payloadElements: [
        ...document.querySelectorAll('img[src="x"], svg[onload], b[onmouseover], a[href*="__pwned"]'),
      ].map((e) => e.outerHTML),
      // (React's flight data carries the values as JSON strings inside self.__next_f.push(...): data, not code;
      // a payload that broke out of it would show up as a script of its own, or as an element above.)
      scriptsWithPayload: [...document.scripts].filter((s) => {
        const text = (s.textContent ?? "").trim();
        return /__pwned|alert\(/.test(text) && !/^\(?self\.__next_f\s*=|^self\.__next_f\.push\(/.test(text);
      }).length,
      badLinks: [...document.querySelectorAll("[href], [src], [action], [formaction]")]
        .flatMap((e) => ["href", "src", "action", "formaction"].map((n) => e.getAttribute(n) ?? ""))
        .filter((v) => /^\s*(javascript|data|vbscript):/i.test(v)),
    };
  });
}

async function expectInert(page: Page, dialogs: string[], what: string) {
  expect(await traces(page), what).toEqual({
    pwned: null,
    handlerAttributes: [],
    payloadElements: [],
    scriptsWithPayload: 0,
    badLinks: [],
  });
  expect(dialogs, what).toEqual([]);
}

test("markup and javascript: URLs in every field stay inert text on every page that shows them", async ({
  page,
  browser,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  await signIn(page, "lm-3gpp@example.org", { landing: "/statements/new?direction=incoming" });
  await chooseGroup(page, "From", "3gpp-tsg-sa", /3gpp-tsg-sa$/);
  await chooseGroup(page, "To", "quic", /^QUIC/);
  await page.getByLabel("From-Contact").fill(FROM_CONTACT);
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(TITLE);
  await page.getByLabel("Purpose").selectOption("action");
  await page.getByLabel("Deadline").fill("2027-06-30");
  await page.getByLabel("Body").fill(BODY);
  await page.getByLabel("Other identifiers").fill(`${IDENTIFIER}\njavascript:alert(16)`);
  await page.getByLabel("File 1", { exact: true }).setInputFiles({
    name: FILE_NAME,
    mimeType: "text/html",
    buffer: Buffer.from("<script>window.__pwned=17</script>"),
  });
  await page.getByLabel("Title of file 1").fill(FILE_TITLE);
  await page.getByLabel("Date received").fill(new Date().toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Post" }).click();

  // The statement page (signed in): every payload shown as text.
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  const statementPath = new URL(page.url()).pathname;
  await expect(page.getByText(IDENTIFIER, { exact: false })).toBeVisible();
  await expect(page.getByText(FILE_TITLE, { exact: false }).first()).toBeVisible();
  await expectInert(page, dialogs, "statement page, signed in");
  // The body linkifier made links of the http(s) URLs only.
  const bodyLinks = await page.locator("pre a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(bodyLinks).toEqual(["http://example.org/ok?a=1&b=2", "https://example.org/"]);

  // The attachment is a download (never rendered as a page of ours), with its name made safe.
  const href = await page.locator('a[href*="/attachments/"]').first().getAttribute("href");
  expect(href).toMatch(/^\/statements\/\d+\/attachments\/\d+$/);
  const download = await page.request.get(href!);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; /);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["content-disposition"]).not.toMatch(/[<>]/);

  // Search with highlighting, signed in.
  await page.goto(`/statements?q=${word}`);
  await expect(page.getByRole("link", { name: new RegExp(word) }).first()).toBeVisible();
  await expect(page.locator("mark").first()).toBeVisible();
  await expectInert(page, dialogs, "search, signed in");
  await page.goto(
    `/statements?q=${encodeURIComponent('<script>window.__pwned=18</script> "><img src=x onerror=window.__pwned=19>')}`,
  );
  await expectInert(page, dialogs, "search for markup, signed in");

  // The liaison manager's lists that show the title: action needed, the desk.
  for (const path of ["/action-needed", "/desk"]) {
    await page.goto(path);
    await expect(page.getByText(word).first(), path).toBeVisible();
    await expectInert(page, dialogs, `${path}, liaison manager`);
  }
  await signOut(page);

  // The Secretariat's outbox shows the mail built from it (subject and recipients from the payload).
  await signIn(page, "secretariat@example.org", { landing: "/outbox" });
  await expect(page.getByText(word).first()).toBeVisible();
  await expectInert(page, dialogs, "outbox, secretariat");
  await signOut(page);

  // The reply form pre-fills from the statement (values echoed into inputs, never markup).
  await signIn(page, "chair@example.org", { landing: `${statementPath}/reply` });
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(new RegExp(word));
  await expectInert(page, dialogs, "reply form");
  await signOut(page);

  // Signed out: the script-free documents of ADR 008.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  visitor.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  for (const path of [statementPath, `/statements?q=${word}`, "/statements", "/"]) {
    const response = await visitor.goto(path);
    expect(response?.status(), path).toBe(200);
    if (path !== "/") await expect(visitor.getByText(word).first(), path).toBeVisible();
    await expectInert(visitor, dialogs, `${path}, signed out`);
  }
  // Feed and API opened as documents: served as XML/JSON, so nothing in them can run.
  for (const [path, type] of [
    ["/feeds/statements.atom", /^application\/atom\+xml/],
    [`/api/v1/statements?q=${word}`, /^application\/json/],
  ] as const) {
    const response = await visitor.goto(path);
    expect(response?.headers()["content-type"], path).toMatch(type);
    await expectInert(visitor, dialogs, path);
  }
  await anonymous.close();
});
