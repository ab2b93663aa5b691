import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";
const [, , input, prefix, h = "1500", start = "0", count = "99"] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 800, height: 800 }, deviceScaleFactor: 1 });
const data = readFileSync(input).toString("base64");
await page.setContent(`<body style="margin:0"><img style="display:block;max-width:none" src="data:image/png;base64,${data}"></body>`);
await page.waitForFunction(() => document.querySelector("img").complete);
const { w, hh } = await page.evaluate(() => { const i = document.querySelector("img"); return { w: i.naturalWidth, hh: i.naturalHeight }; });
await page.setViewportSize({ width: w, height: 800 });
const slice = Number(h);
let n = 0;
for (let y = Number(start); y < hh && n < Number(count); y += slice) {
  await page.screenshot({ path: `${prefix}-${n++}.png`, clip: { x: 0, y, width: w, height: Math.min(slice, hh - y) }, fullPage: true });
}
console.log(w, hh, n);
await browser.close();
