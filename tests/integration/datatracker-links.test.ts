/**
 * Issue 17, old links: `/liaison/<id>/history/`, `/documents/LIAISON/<f>` and `/lib/dt/documents/LIAISON/<f>`
 * (301 to the imported attachment), `/feed/liaison/{recent,from/<a>,to/<a>}/` → our Atom feed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as documentLink } from "@/app/documents/LIAISON/[file]/route";
import { GET as feedFrom } from "@/app/feed/liaison/from/[acronym]/route";
import { GET as feedRecent } from "@/app/feed/liaison/recent/route";
import { GET as feedTo } from "@/app/feed/liaison/to/[acronym]/route";
import { GET as historyLink } from "@/app/liaison/[id]/history/route";
import { GET as libDocumentLink } from "@/app/lib/dt/documents/LIAISON/[file]/route";
import { importDatatracker } from "@/server/import/import-datatracker";
import { buildArchive, writeArchive, writeAttachments } from "../support/datatracker-archive";
import { testEngine, useTestDatabase } from "../support/test-database";

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest helper named like a hook, not a React hook
const db = useTestDatabase();
const root = mkdtempSync(path.join(tmpdir(), "dt-links-"));
beforeAll(async () => {
  const { archive, files } = buildArchive();
  writeArchive(path.join(root, "a"), archive);
  writeAttachments(path.join(root, "f"), files);
  await importDatatracker(db().prisma, { sourceDir: path.join(root, "a"), attachmentsDir: path.join(root, "f") });
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fileParams = (file: string) => ({ params: Promise.resolve({ file }) });
const request = (url: string) => new Request(`http://localhost${url}`);

describe(`old Datatracker links (${testEngine})`, () => {
  it("/documents/LIAISON/<f> and /lib/dt/documents/LIAISON/<f> → 301 to the imported attachment", async () => {
    const attachment = await db().prisma.attachment.findFirstOrThrow({ where: { filename: "file30.pdf" } });
    for (const handler of [documentLink, libDocumentLink]) {
      const response = await handler(request("/documents/LIAISON/file30.pdf"), fileParams("file30.pdf"));
      expect(response.status).toBe(301);
      expect(response.headers.get("location")).toBe(
        `/statements/${attachment.statementId}/attachments/${attachment.id}`,
      );
    }
    const missing = await db().prisma.attachment.findFirstOrThrow({ where: { isFileMissing: true } });
    const name = decodeURIComponent(missing.originalUrl!.split("/").pop()!);
    const response = await documentLink(request(`/documents/LIAISON/${name}`), fileParams(name));
    expect([response.status, response.headers.get("location")]).toEqual([
      301,
      `/statements/${missing.statementId}#attachments`,
    ]);
    for (const file of ["nothing-here.pdf", "../etc/passwd", ""]) {
      expect((await documentLink(request("/documents/LIAISON/x"), fileParams(file))).status).toBe(404);
    }
  });

  it("/liaison/<id>/history/ → the statement's history", async () => {
    const response = await historyLink(request("/liaison/150/history"), { params: Promise.resolve({ id: "150" }) });
    expect([response.status, response.headers.get("location")]).toEqual([308, "/statements/150#history"]);
    expect((await historyLink(request("/liaison/x/history"), { params: Promise.resolve({ id: "x" }) })).status).toBe(
      404,
    );
  });

  it("/feed/liaison/... → our Atom feed", async () => {
    expect(feedRecent().headers.get("location")).toBe("/feeds/statements.atom");
    const from = await feedFrom(request("/feed/liaison/from/itu-t-sg-15"), {
      params: Promise.resolve({ acronym: "itu-t-sg-15" }),
    });
    expect([from.status, from.headers.get("location")]).toEqual([301, "/feeds/statements.atom?from=itu-t-sg-15"]);
    const to = await feedTo(request("/feed/liaison/to/ccamp"), { params: Promise.resolve({ acronym: "ccamp" }) });
    expect(to.headers.get("location")).toBe("/feeds/statements.atom?to=ccamp");
    expect(
      (await feedTo(request("/feed/liaison/to/x"), { params: Promise.resolve({ acronym: "<script>" }) })).status,
    ).toBe(404);
  });
});
