/**
 * Issue 13 item 4: a page asked for during a fast 25 MB upload waited 3.4× its idle p95, behind the upload's body,
 * which the server's main thread reads from the socket (≈ 150 ms of it per 25 MB, npm run bench:uploads). An upload
 * now stops reading while other requests are being answered (src/server/http/page-priority.ts, ADR 050), and never
 * for longer than PAGE_PRIORITY.maxPauseMs at a time. These check that contract on a real socket: what the server
 * read of the upload (its socket's bytesRead) while a page was being answered, and that the upload arrives whole.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseStreamedForm } from "@/server/http/multipart";
import { stopUploadThread } from "@/server/http/multipart-thread";
import {
  countingRequests,
  PAGE_PRIORITY,
  requestStarted,
  requestsBeingAnswered,
  uploadTurns,
} from "@/server/http/page-priority";
import { offerUploadBody, UPLOAD_BODY_HEADER } from "@/server/http/upload-body";

const MB = 1024 * 1024;
const staging = mkdtempSync(path.join(os.tmpdir(), "liaison-upload-priority-"));
const pages = new Map<string, () => void>();
let uploadSocket: import("node:net").Socket | null = null;
let server: http.Server;
let base: string;

beforeAll(async () => {
  // The app's HTTP server in miniature: the same outer layer and the same upload endpoint's body reading.
  server = http.createServer(
    countingRequests(async (req, res) => {
      offerUploadBody(req, res);
      if (req.method === "POST") {
        uploadSocket = req.socket;
        const request = new Request(`http://localhost${req.url}`, {
          method: "POST",
          headers: {
            "content-type": String(req.headers["content-type"]),
            [UPLOAD_BODY_HEADER]: String(req.headers[UPLOAD_BODY_HEADER]),
          },
        });
        const form = await parseStreamedForm(request, { limit: 110 * MB, maxFileBytes: 25 * MB, stagingDir: staging });
        const file = form.formData.get("attachments") as File;
        const digest = createHash("sha1")
          .update(Buffer.from(await file.arrayBuffer()))
          .digest("hex");
        await form.discard();
        res.end(JSON.stringify({ size: file.size, digest }));
        return;
      }
      // A page: answered when the test says so.
      await new Promise<void>((resolve) => pages.set(req.url ?? "", resolve));
      res.end("page");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The upload thread starts on the first upload (≈ 1 s): started here, so that the uploads below flow at once.
  await upload(randomBytes(1024));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await stopUploadThread();
  rmSync(staging, { recursive: true, force: true });
});

/** Posts a multipart body with one file, written as fast as the socket takes it. */
function upload(bytes: Buffer): Promise<{ size: number; digest: string }> {
  const boundary = "----liaison-priority";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="annex.bin"\r\n` +
      "Content-Type: application/octet-stream\r\n\r\n",
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, bytes, tail]);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${base}/statements/save`,
      {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": body.length },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () => resolve(JSON.parse(text)));
      },
    );
    request.on("error", reject);
    let offset = 0;
    const write = () => {
      while (offset < body.length) {
        const piece = body.subarray(offset, offset + 64 * 1024);
        offset += piece.length;
        if (!request.write(piece)) return void request.once("drain", write);
      }
      request.end();
    };
    write();
  });
}

const until = async (check: () => boolean, ms = 10_000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("pages before uploads' bytes (issue 13 item 4)", () => {
  it("an upload reads nothing more while a page is being answered, then arrives whole", async () => {
    const bytes = randomBytes(24 * MB);
    const done = upload(bytes);
    await until(() => (uploadSocket?.bytesRead ?? 0) > 2 * MB);
    const page = fetch(`${base}/page-1`).then((r) => r.text());
    await until(() => pages.has("/page-1"));
    expect(requestsBeingAnswered()).toBe(1);
    // What was read before the page came in may still be on its way; from here the socket must stay unread.
    await sleep(20);
    const before = uploadSocket?.bytesRead ?? 0;
    await sleep(PAGE_PRIORITY.maxPauseMs - 60);
    const during = (uploadSocket?.bytesRead ?? 0) - before;
    pages.get("/page-1")?.();
    expect(await page).toBe("page");
    expect(during).toBeLessThanOrEqual(256 * 1024);
    expect(before).toBeLessThan(bytes.length);
    expect(await done).toEqual({ size: bytes.length, digest: createHash("sha1").update(bytes).digest("hex") });
    expect(requestsBeingAnswered()).toBe(0);
  });

  it("a form with a small attachment (under 1 MB) never waits: its few reads are not worth its person's time", async () => {
    const turns = uploadTurns();
    const answered = requestStarted();
    try {
      expect(turns(64 * 1024)).toBeNull();
      expect(turns(PAGE_PRIORITY.afterBytes - 1)).toBeNull();
      const wait = turns(PAGE_PRIORITY.afterBytes);
      expect(wait).toBeInstanceOf(Promise);
      answered();
      await wait;
    } finally {
      answered();
    }
    expect(requestsBeingAnswered()).toBe(0);
  });

  it("a page that takes long slows an upload down but does not stop it", async () => {
    const bytes = randomBytes(24 * MB);
    const done = upload(bytes);
    await until(() => (uploadSocket?.bytesRead ?? 0) > 2 * MB);
    const page = fetch(`${base}/slow-page`).then((r) => r.text());
    await until(() => pages.has("/slow-page"));
    const before = uploadSocket?.bytesRead ?? 0;
    // Each wait ends after maxPauseMs and the upload then reads for minRunMs: over several rounds it moves on.
    await sleep(4 * (PAGE_PRIORITY.maxPauseMs + PAGE_PRIORITY.minRunMs));
    const moved = (uploadSocket?.bytesRead ?? 0) - before;
    pages.get("/slow-page")?.();
    expect(await page).toBe("page");
    expect(moved).toBeGreaterThan(512 * 1024);
    expect(await done).toEqual({ size: bytes.length, digest: createHash("sha1").update(bytes).digest("hex") });
  });
});
