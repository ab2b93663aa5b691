/**
 * Screenshots of every page, at a phone's and a desk's width, signed out and as each demo persona
 * (README "Demo accounts"): ./screenshots/<persona>/<width>/<page>.png, and an index.html to page through them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";

const OUT = path.resolve(import.meta.dirname, "..", "..", "screenshots");
const WIDTHS = [390, 1280] as const;
const PERSONAS = [
  "signed-out",
  "secretariat@example.org",
  "coordinator@example.org",
  "ietf-chair@example.org",
  "iab-chair@example.org",
  "ad@example.org",
  "chair@example.org",
  "lm-3gpp@example.org",
  "lm-itu@example.org",
] as const;

/** Pages everyone has, besides what the persona's navigation offers. */
async function pagesFor(page: Page, persona: string): Promise<string[]> {
  const api = await page.request.get("/api/v1/statements?pageSize=100");
  const { items } = (await api.json()) as { items: { id: number; state: string; direction: string }[] };
  // The three newest, and one of each kind a reader meets: withdrawn, incoming.
  const statements = [
    ...items.slice(0, 3),
    ...[items.find((s) => s.state === "withdrawn"), items.find((s) => s.direction === "incoming")].flatMap((s) =>
      s ? [s] : [],
    ),
  ].map((s) => `/statements/${s.id}`);
  await page.goto("/");
  const nav = await page
    .getByRole("banner")
    .getByRole("navigation", { name: "Main" })
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? "/"));
  const pages = [
    "/",
    ...nav,
    "/statements?q=quic",
    ...statements,
    "/directory/ietf",
    "/directory/3gpp",
    "/statements/9999",
  ];
  if (persona === "signed-out") pages.push("/sign-in", "/forgot-password", "/admin");
  else
    pages.push(
      "/account",
      ...statements.slice(0, 1).map((s) => `${s}/edit`),
      ...statements.slice(0, 1).map((s) => `${s}/reply`),
    );
  if (persona === "secretariat@example.org")
    pages.push("/admin/organizations", "/admin/groups", "/admin/people", "/admin/audit");
  if (nav.includes("/desk")) pages.push("/desk/report");
  return [...new Set(pages)];
}

async function signedIn(browser: Browser, persona: string, width: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 844 : 900 },
    ...(width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = await context.newPage();
  if (persona !== "signed-out") {
    await page.goto("/sign-in");
    const form = page.getByRole("region", { name: "With your password" });
    await form.getByLabel("E-mail").fill(persona);
    await form.getByLabel("Password").fill("liaison-demo");
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  }
  return page;
}

const slug = (pagePath: string) =>
  pagePath
    .replace(/^\//, "")
    .replace(/[^a-z0-9]+/gi, "-")
    .replace(/-$/, "") || "home";
const shots: { persona: string; width: number; page: string; file: string; status: number }[] = [];

for (const persona of PERSONAS) {
  test(`screenshots: ${persona}`, async ({ browser }) => {
    for (const width of WIDTHS) {
      const page = await signedIn(browser, persona, width);
      for (const pagePath of await pagesFor(page, persona)) {
        const response = await page.goto(pagePath);
        const file = path.join(persona.replace(/@.*/, ""), String(width), `${slug(pagePath)}.png`);
        mkdirSync(path.dirname(path.join(OUT, file)), { recursive: true });
        await page.screenshot({ path: path.join(OUT, file), fullPage: true });
        shots.push({ persona, width, page: pagePath, file, status: response?.status() ?? 0 });
      }
      await page.context().close();
    }
  });
}

test.afterAll(() => {
  const rows = shots
    .map(
      (s) =>
        `<figure><figcaption>${s.persona} · ${s.width}px · ${s.page.replace(/&/g, "&amp;").replace(/</g, "&lt;")} · HTTP ${s.status}</figcaption><img loading="lazy" src="${s.file}" width="${s.width < 600 ? 195 : 640}"></figure>`,
    )
    .join("\n");
  mkdirSync(OUT, { recursive: true });
  writeFileSync(
    path.join(OUT, "index.html"),
    `<!DOCTYPE html><meta charset="utf-8"><title>Screenshots</title><style>body{font-family:system-ui;display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}img{border:1px solid #ccc;display:block}</style>\n${rows}\n`,
  );
  console.log(`[screenshots] ${shots.length} screenshots in ${OUT} (open index.html)`);
});
