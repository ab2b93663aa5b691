import "server-only";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { envelopeSchema, RESOURCES, uriKey } from "./datatracker-schema";
import { pageFiles } from "./source";

/**
 * `--snapshot <url> --out <dir>`: saves the Datatracker's API responses in the directory-source layout by
 * following `meta.next` (DATATRACKER.md §3.5), politely: limit=1000, a delay between requests, Retry-After
 * on 429. Resumable: every page is written atomically and `.snapshot-state.json` records where each query
 * stopped, so a second run continues where the first was interrupted and refetches nothing it has.
 */

const ROLE_NAMES = [
  "chair",
  "secr",
  "ad",
  "pre-ad",
  "liaiman",
  "auth",
  "liaison_contact",
  "liaison_cc_contact",
  "liaison_coordinator",
];
const NAME_TABLES = [
  "liaisonstatementpurposename",
  "liaisonstatementstate",
  "liaisonstatementeventtypename",
  "liaisonstatementtagname",
  "docrelationshipname",
  "doctypename",
  "rolename",
  "grouptypename",
  "groupstatename",
];
/** ids per `__in` filter, so URLs stay short */
const CHUNK = 100;

export interface SnapshotOptions {
  baseUrl: string;
  outDir: string;
  delayMs?: number;
  limit?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

interface QueryState {
  next: string | null;
  page: number;
  done: boolean;
}
type State = Record<string, QueryState>;

export interface SnapshotResult {
  requests: number;
  pages: Record<string, number>;
}

export async function takeSnapshot(options: SnapshotOptions): Promise<SnapshotResult> {
  const { outDir } = options;
  const limit = options.limit ?? 1000;
  const delayMs = options.delayMs ?? 1000;
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? (() => {});
  const base = options.baseUrl.replace(/\/+$/, "");
  mkdirSync(outDir, { recursive: true });
  const statePath = path.join(outDir, ".snapshot-state.json");
  const state: State = existsSync(statePath) ? JSON.parse(readFileSync(statePath, "utf8")) : {};
  const saveState = () => writeAtomic(statePath, JSON.stringify(state, null, 1));
  const result: SnapshotResult = { requests: 0, pages: {} };
  let nextPage: Record<string, number> = {};

  async function get(url: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      if (result.requests > 0 && delayMs > 0) await sleep(delayMs);
      result.requests++;
      const response = await doFetch(url, { headers: { accept: "application/json" } });
      if (response.status === 429 && attempt < 5) {
        const wait = Number(response.headers.get("retry-after")) || 30;
        log(`rate-limited; waiting ${wait} s`);
        await sleep(wait * 1000);
        continue;
      }
      if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
      return response.json();
    }
  }

  /** Runs one list query to its end, writing each page as the resource's next page file. */
  async function crawl(resource: string, query: string) {
    const key = `${resource}?${query}`;
    const saved = state[key];
    if (saved?.done) return;
    let page = saved?.page ?? nextPage[resource] ?? pageFiles(outDir, resource).length;
    let url: string | null =
      saved?.next ?? `${base}/api/v1/${resource}/?format=json&limit=${limit}${query ? `&${query}` : ""}`;
    while (url) {
      const body = envelopeSchema.parse(await get(url));
      const folder = path.join(outDir, ...resource.split("/"));
      mkdirSync(folder, { recursive: true });
      writeAtomic(path.join(folder, `${page}.json`), JSON.stringify(body));
      page++;
      url = body.meta.next ? new URL(body.meta.next, `${base}/`).toString() : null;
      state[key] = { next: url, page, done: url === null };
      saveState();
      log(`${resource}: page ${page - 1} (${body.objects.length} objects)`);
    }
    state[key] = { next: null, page, done: true };
    saveState();
    nextPage = { ...nextPage, [resource]: page };
    result.pages[resource] = page;
  }

  for (const table of NAME_TABLES) await crawl(`name/${table}`, "");
  for (const resource of [RESOURCES.statement, RESOURCES.event, RESOURCES.attachment, RESOURCES.relation]) {
    await crawl(resource, "order_by=id");
  }
  await crawl(RESOURCES.group, "");
  await crawl(RESOURCES.role, `name__in=${ROLE_NAMES.join(",")}`);
  await crawl(RESOURCES.document, "type__in=liai-att,liaison");

  // People: those who hold a role or wrote an event (the Datatracker has far more; we need only these).
  const personIds = new Set<string>();
  for (const object of savedObjects(outDir, RESOURCES.role)) personIds.add(keyOf(object, "person", "person/person"));
  for (const object of savedObjects(outDir, RESOURCES.event)) personIds.add(keyOf(object, "by", "person/person"));
  personIds.delete("");
  const ids = [...personIds].sort((a, b) => Number(a) - Number(b));
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK).join(",");
    await crawl(RESOURCES.person, `id__in=${chunk}`);
    await crawl(RESOURCES.email, `person__in=${chunk}`);
  }
  return result;
}

function keyOf(object: unknown, field: string, resource: string): string {
  const value = (object as Record<string, unknown>)[field];
  return typeof value === "string" ? (uriKey(value, resource) ?? "") : "";
}

function* savedObjects(dir: string, resource: string): Generator<unknown> {
  for (const file of pageFiles(dir, resource)) {
    const parsed = envelopeSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (parsed.success) yield* parsed.data.objects;
  }
}

function writeAtomic(file: string, content: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
