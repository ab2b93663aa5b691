/**
 * The JSON API's route handlers, called directly with Request objects on the demo data (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL). Every response body is validated against the OpenAPI document the API
 * serves, with a small validator for the JSON Schema subset that document uses (it throws on any keyword it
 * does not know, so it can never pass by ignoring a rule).
 */
import { describe, expect, it } from "vitest";
import { GET as getOpenApi, OPTIONS as optionsOpenApi } from "@/app/api/v1/openapi.json/route";
import { GET as getStatement, OPTIONS as optionsStatement } from "@/app/api/v1/statements/[id]/route";
import { GET as listStatements, OPTIONS as optionsList } from "@/app/api/v1/statements/route";
import { env } from "@/env";
import type { ApiStatement, ApiStatementList } from "@/server/archive/api";
import { FILTER_PARAMS } from "@/server/archive/filters";
import type { openApiDocument } from "@/server/archive/openapi";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { setupDemoWorld } from "../support/demo-world";

const db = setupDemoWorld();
type OpenApi = ReturnType<typeof openApiDocument>;
type ApiError = { error: { message: string; fields?: Record<string, string> } };
const BASE = "http://localhost:3000";

// --- A validator for the JSON Schema subset of the OpenAPI document ------------------------------------

type Schema = { [key: string]: unknown };
const ANNOTATIONS = new Set(["description", "default", "title"]);
const KEYWORDS = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "format",
  "pattern",
  "minimum",
  "maximum",
  "maxLength",
]);

const typeOf = (v: unknown) =>
  v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v;
const FORMATS: Record<string, (v: string) => boolean> = {
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
  "date-time": (v) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
  uri: (v) => {
    try {
      return new URL(v).protocol.startsWith("http");
    } catch {
      return false;
    }
  },
};

function validate(schema: Schema, value: unknown, root: Schema, at = "$"): string[] {
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`validator: unsupported keyword ${key} at ${at}`);
  }
  if (typeof schema.$ref === "string") {
    const target = schema.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce<unknown>((node, part) => (node as Schema | undefined)?.[part], root);
    if (!target) throw new Error(`validator: unresolved $ref ${schema.$ref}`);
    return validate(target as Schema, value, root, at);
  }
  const errors: string[] = [];
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const allowed = ([] as unknown[]).concat(schema.type);
    const ok = allowed.includes(actual) || (actual === "integer" && allowed.includes("number"));
    if (!ok) return [`${at}: expected ${allowed.join("|")}, got ${actual}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if ("const" in schema && schema.const !== value) errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (typeof value === "string") {
    if (typeof schema.format === "string") {
      const check = FORMATS[schema.format];
      if (!check) throw new Error(`validator: unsupported format ${schema.format}`);
      if (!check(value)) errors.push(`${at}: ${JSON.stringify(value)} is not a ${schema.format}`);
    }
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
      errors.push(`${at}: does not match ${schema.pattern}`);
    if (typeof schema.maxLength === "number" && [...value].length > schema.maxLength)
      errors.push(`${at}: longer than ${schema.maxLength}`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) {
    for (const [i, item] of value.entries())
      errors.push(...validate(schema.items as Schema, item, root, `${at}[${i}]`));
  }
  if (actual === "object") {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[])
      if (!(name in object)) errors.push(`${at}: missing ${name}`);
    for (const [name, v] of Object.entries(object)) {
      const property = properties[name];
      if (property) errors.push(...validate(property, v, root, `${at}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property ${name}`);
      else if (typeof schema.additionalProperties === "object") {
        errors.push(...validate(schema.additionalProperties as Schema, v, root, `${at}.${name}`));
      }
    }
  }
  return errors;
}

// --- Helpers -------------------------------------------------------------------------------------------

let documentCache: Schema | undefined;
async function openApi(): Promise<Schema> {
  documentCache ??= (await (await getOpenApi(new Request(`${BASE}/api/v1/openapi.json`))).json()) as Schema;
  return documentCache;
}

/** The schema of a documented response, e.g. ("/statements", "200"). */
async function responseSchema(path: string, status: string): Promise<Schema> {
  const doc = (await openApi()) as unknown as OpenApi;
  const operation = doc.paths[path as keyof OpenApi["paths"]]?.get;
  if (!operation) throw new Error(`openapi.json documents no GET ${path}`);
  type Documented = Record<string, { content?: { "application/json": { schema: unknown } } }>;
  const response = (operation.responses as Documented)[status];
  const schema = response?.content?.["application/json"].schema;
  if (!schema) throw new Error(`openapi.json documents no JSON ${status} for GET ${path}`);
  return schema as Schema;
}

async function expectValid<T = ApiStatementList>(path: string, response: Response): Promise<T> {
  const body = (await response.json()) as T;
  const errors = validate(await responseSchema(path, String(response.status)), body, await openApi());
  expect(errors, `GET ${path} ${response.status} does not match openapi.json`).toEqual([]);
  return body;
}

const list = (query = "", headers: HeadersInit = {}) =>
  listStatements(new Request(`${BASE}/api/v1/statements${query}`, { headers }));
const one = (id: string | number, headers: HeadersInit = {}) =>
  getStatement(new Request(`${BASE}/api/v1/statements/${id}`, { headers }), {
    params: Promise.resolve({ id: String(id) }),
  });

async function statementId(title: string) {
  return (await db().prisma.statement.findFirstOrThrow({ where: { title } })).id;
}

// --- Tests ---------------------------------------------------------------------------------------------

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1, describes both endpoints, and every $ref resolves", async () => {
    const response = await getOpenApi(new Request(`${BASE}/api/v1/openapi.json`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const doc = (await openApi()) as unknown as OpenApi;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/statements", "/statements/{id}"]);
    expect(doc.servers[0]?.url).toBe(`${env().appUrl}/api/v1`);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      const target = ref
        .replace(/^#\//, "")
        .split("/")
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
      expect(target, ref).toBeTruthy();
    }
  });

  it("documents exactly the query parameters the API accepts", async () => {
    const doc = (await openApi()) as unknown as OpenApi;
    const documented = doc.paths["/statements"].get.parameters.filter((p) => p.in === "query").map((p) => p.name);
    expect([...documented].sort()).toEqual([...FILTER_PARAMS].sort());
  });

  it("the validator rejects missing, mistyped and unexpected fields", async () => {
    const body = await (await one(await statementId("LS on Security considerations for MPQUIC"))).json();
    const schema = await responseSchema("/statements/{id}", "200");
    const root = await openApi();
    expect(validate(schema, body, root)).toEqual([]);
    // biome-ignore lint/suspicious/noExplicitAny: the point is to break the typed shape
    const broken = (change: (s: Record<string, any>) => void) => {
      const copy = structuredClone(body);
      change(copy);
      return validate(schema, copy, root);
    };
    expect(broken((s) => delete s.title)).toEqual(["$: missing title"]);
    expect(broken((s) => (s.id = "1"))).toEqual(["$.id: expected integer, got string"]);
    expect(broken((s) => (s.deadline = "10 March"))).toEqual([`$.deadline: "10 March" is not a date`]);
    expect(broken((s) => (s.purpose = "urgent"))).toEqual([`$.purpose: "urgent" not in enum`]);
    expect(broken((s) => (s.state = "pending"))).toEqual([`$.state: "pending" not in enum`]);
    expect(broken((s) => (s.from[0].organization = null))).toEqual([
      "$.from[0].organization: expected string, got null",
    ]);
    expect(broken((s) => (s.attachments[0].sha256 = "abc"))).toEqual([
      "$.attachments[0].sha256: does not match ^[0-9a-f]{64}$",
    ]);
    expect(broken((s) => (s.extra = true))).toEqual(["$: unexpected property extra"]);
    expect(broken((s) => (s.body = null))).toEqual(["$.body: expected string, got null"]);
    expect(() => validate({ oneOf: [] }, 1, root)).toThrow(/unsupported keyword/);
  });
});

describe("GET /api/v1/statements", () => {
  it("lists public statements, newest first, 50 a page, each matching the document", async () => {
    const response = await list();
    expect(response.status).toBe(200);
    const body = await expectValid("/statements", response);
    const publicCount = await db().prisma.statement.count({ where: PUBLIC_STATEMENT_WHERE });
    expect(body.total).toBe(publicCount);
    expect(body.page).toBe(1);
    expect(body.pageSize).toBe(50);
    expect(body.items.length).toBe(Math.min(50, publicCount));
    const posted = body.items.map((s) => Date.parse(s.postedAt ?? ""));
    expect(posted).toEqual([...posted].sort((a, b) => b - a));
    expect(body.items[0]?.url).toBe(`${env().appUrl}/statements/${body.items[0]?.id}`);
  });

  it("pages, searches and filters with the documented parameters", async () => {
    const paged = await expectValid("/statements", await list("?pageSize=5&page=2"));
    expect(paged.items).toHaveLength(5);
    expect(paged.page).toBe(2);
    const search = await expectValid("/statements", await list("?q=S2-2405678"));
    expect(search.items[0]?.title).toBe("LS on QUIC-based multi-access traffic steering (ATSSS Phase 4)");
    expect(search.items[0]?.otherIdentifiers).toContain("S2-2405678");
    const filtered = await expectValid(
      "/statements",
      await list("?from=3gpp&to=quic&direction=incoming&purpose=action"),
    );
    expect(filtered.total).toBeGreaterThan(0);
    for (const s of filtered.items) {
      expect(s.direction).toBe("incoming");
      expect(s.purpose).toBe("action");
      expect(s.from.some((g) => g.organization === "3gpp")).toBe(true);
      expect(s.to.map((g) => g.acronym)).toContain("quic");
    }
    const dated = await expectValid("/statements", await list("?since=2000-01-01&until=2000-12-31"));
    expect(dated.total).toBe(0);
  });

  it("never includes a pending or draft statement", async () => {
    const body = await expectValid("/statements", await list("?pageSize=100"));
    expect(body.items.every((s) => s.state === "posted" || s.state === "withdrawn")).toBe(true);
    const pending = await expectValid(
      "/statements",
      await list(`?q=${encodeURIComponent('"QUIC connection migration"')}`),
    );
    expect(pending.items.map((s) => s.title)).not.toContain(
      "LS on QUIC connection migration across 3GPP and non-3GPP access",
    );
  });

  it("answers 400 with a JSON error naming each bad parameter", async () => {
    const cases: [string, string[]][] = [
      ["?pageSize=0", ["pageSize"]],
      ["?pageSize=101", ["pageSize"]],
      ["?page=0&pageSize=abc", ["page", "pageSize"]],
      ["?purpose=urgent", ["purpose"]],
      ["?direction=sideways", ["direction"]],
      ["?since=2024-02-30", ["since"]],
      ["?since=2024-03-01&until=2024-02-01", ["until"]],
      [`?q=${"x".repeat(201)}`, ["q"]],
      ["?sort=bogus&order=up", ["sort", "order"]],
      ["?from=%3Cscript%3E", ["from"]],
      ["?actionNeeded=maybe", ["actionNeeded"]],
    ];
    for (const [query, fields] of cases) {
      const response = await list(query);
      expect(response.status, query).toBe(400);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      const body = await expectValid<ApiError>("/statements", response);
      expect(Object.keys(body.error.fields ?? {}).sort(), query).toEqual([...fields].sort());
      expect(body.error.message).toBeTruthy();
    }
    expect((await list("?since=2024-02-29&until=2024-02-29&unknown=ignored")).status).toBe(200);
  });
});

describe("GET /api/v1/statements/<id>", () => {
  it("returns every contract field of a public statement", async () => {
    const id = await statementId("LS on Security considerations for MPQUIC");
    const response = await one(id);
    expect(response.status).toBe(200);
    const s = await expectValid<ApiStatement>("/statements/{id}", response);
    expect(s).toMatchObject({
      id,
      url: `${env().appUrl}/statements/${id}`,
      direction: "incoming",
      state: "posted",
      purpose: "action",
      otherIdentifiers: ["SP-240987", "S3-242671"],
      from: [{ acronym: "3gpp-tsg-sa", organization: "3gpp" }],
      to: [{ acronym: "quic", name: "QUIC", organization: "ietf" }],
      fromLiaisonContact: "3GPP TSG SA Secretary <tsg-sa-secretary@example.org>",
      toLiaisonContact: null,
    });
    expect(s.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(["needed", "taken"]).toContain(s.actionStatus);
    expect(s.attachments).toHaveLength(1);
    const attachment = await db().prisma.attachment.findFirstOrThrow({ where: { statementId: id } });
    expect(s.attachments[0]).toEqual({
      title: attachment.title,
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
      sha256: attachment.sha256,
      url: `${env().appUrl}/statements/${id}/attachments/${attachment.id}`,
    });
    const reply = await statementId("Reply LS on Security considerations for MPQUIC");
    expect(s.related).toEqual([
      { id: reply, title: "Reply LS on Security considerations for MPQUIC", relationship: "answered_by" },
    ]);
    const replyBody = await expectValid<ApiStatement>("/statements/{id}", await one(reply));
    expect(replyBody.related).toEqual([
      { id, title: "LS on Security considerations for MPQUIC", relationship: "responds_to" },
    ]);
  });

  it("lists only public related statements and leaves out removed attachments", async () => {
    // "Reply LS on TLS 1.3 early data ..." is pending and responds to this posted statement.
    const posted = await statementId("LS on TLS 1.3 early data in the 5G Service Based Architecture");
    const pendingReply = await statementId("Reply LS on TLS 1.3 early data in the 5G Service Based Architecture");
    const relation = await db().prisma.statementRelation.findFirst({
      where: { sourceId: pendingReply, targetId: posted },
    });
    expect(relation).not.toBeNull();
    const s = await expectValid<ApiStatement>("/statements/{id}", await one(posted));
    expect(s.related.map((r) => r.id)).not.toContain(pendingReply);

    const withAttachment = await statementId("Reply LS on Security considerations for MPQUIC");
    const attachment = await db().prisma.attachment.findFirstOrThrow({ where: { statementId: withAttachment } });
    await db().prisma.attachment.update({ where: { id: attachment.id }, data: { removedAt: new Date() } });
    try {
      const after = await expectValid<ApiStatement>("/statements/{id}", await one(withAttachment));
      expect(after.attachments).toEqual([]);
    } finally {
      await db().prisma.attachment.update({ where: { id: attachment.id }, data: { removedAt: null } });
    }
  });

  it("answers 404 for pending, draft, never-posted withdrawn, unknown and malformed ids", async () => {
    const hidden = await db().prisma.statement.findMany({
      where: { NOT: PUBLIC_STATEMENT_WHERE },
      select: { id: true, state: true },
    });
    expect(hidden.some((h) => h.state === "pending")).toBe(true);
    for (const id of [...hidden.map((h) => String(h.id)), "999999", "0", "-1", "abc", "1e3", "99999999999999"]) {
      const response = await one(id);
      expect(response.status, `id ${id}`).toBe(404);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("cache-control")).toBe("no-store");
      const body = await expectValid<ApiError>("/statements/{id}", response);
      expect(body.error.message).toBeTruthy();
    }
  });
});

describe("HTTP caching and CORS", () => {
  it("sends a strong ETag and answers If-None-Match with 304", async () => {
    for (const request of [
      () => list("?q=quic"),
      async () => one(await statementId("LS on Security considerations for MPQUIC")),
    ]) {
      const first = await request();
      const etag = first.headers.get("etag");
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
      const text = await first.text();
      expect(text.length).toBeGreaterThan(0);
      expect((await request()).headers.get("etag")).toBe(etag);
    }
    const first = await list("?q=quic");
    const etag = first.headers.get("etag") as string;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const cached = await list("?q=quic", { "If-None-Match": header });
      expect(cached.status, header).toBe(304);
      expect(await cached.text()).toBe("");
      expect(cached.headers.get("etag")).toBe(etag);
      expect(cached.headers.get("access-control-allow-origin")).toBe("*");
    }
    expect((await list("?q=quic", { "If-None-Match": '"stale"' })).status).toBe(200);
    // a different answer has a different ETag
    expect((await list("?q=tls")).headers.get("etag")).not.toBe(etag);
  });

  it("allows any origin to GET, and answers the preflight", async () => {
    expect((await list()).headers.get("access-control-allow-origin")).toBe("*");
    for (const preflight of [optionsList(), optionsStatement(), optionsOpenApi()]) {
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
      expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
      expect(preflight.headers.get("access-control-allow-headers")).toContain("If-None-Match");
    }
  });
});
