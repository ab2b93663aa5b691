/**
 * The small things a site has: a favicon, robots.txt and a sitemap of the public statements, so that
 * browsers show the site's icon and search engines find the archive (and not the working pages).
 */
import { expect, test } from "./support/fixtures";
import { chooseGroup, signIn } from "./support/session";

test("the favicon and the page icon are served", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const bytes = await ico.body();
  // An ICO file: reserved 0, type 1, at least one image.
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);

  await page.goto("/");
  const icon = page.locator('head link[rel="icon"][type="image/svg+xml"]');
  await expect(icon).toHaveCount(1);
  const svg = await request.get((await icon.getAttribute("href")) ?? "");
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain("<svg");
});

test("robots.txt lets robots read the archive, keeps them off the working pages, and names the sitemap", async ({
  request,
  baseURL,
}) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/^User-Agent: \*$/m);
  expect(text).toMatch(/^Allow: \/$/m);
  for (const path of ["/admin", "/approvals", "/desk", "/outbox", "/statements/new", "/statements/*/edit"])
    expect(text).toContain(`Disallow: ${path}\n`);
  expect(text).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
});

test("the sitemap lists every public statement and the directory, never a pending one", async ({
  page,
  request,
  baseURL,
}) => {
  const response = await request.get("/sitemap.xml");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/xml/);
  const xml = await response.text();
  const urls = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  expect(urls).toContain(`${baseURL}/statements`);
  expect(urls).toContain(`${baseURL}/directory/ietf`);

  // Exactly the public statements the JSON API lists.
  const api = await request.get("/api/v1/statements?pageSize=100");
  const { items, total } = (await api.json()) as { items: { url: string }[]; total: number };
  expect(total).toBeLessThanOrEqual(100);
  const listed = urls.filter((u) => /\/statements\/\d+$/.test(u ?? ""));
  expect(new Set(listed)).toEqual(new Set(items.map((i) => i.url)));

  // A statement submitted now is pending: not in the sitemap.
  await signIn(page, "chair@example.org", { landing: "/statements/new?direction=outgoing" });
  const title = `Sitemap check ${Date.now().toString(36)}`;
  await chooseGroup(page, "From", "quic", /^QUIC/);
  await chooseGroup(page, "To", "itu-t-sg15");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByLabel("Body").fill("Pending, so not for robots.");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Pending approval")).toBeVisible();
  const pendingUrl = `${baseURL}${new URL(page.url()).pathname}`;
  const after = await (await request.get("/sitemap.xml")).text();
  expect(after).not.toContain(`<loc>${pendingUrl}</loc>`);
});
