import "server-only";
import { MAX_PAGE_SIZE, MAX_QUERY_LENGTH, PAGE_SIZE, SORT_KEYS } from "./filters";

/**
 * OpenAPI 3.1 description of the read-only JSON API (docs/domain.md "Contracts"), served at
 * /api/v1/openapi.json. tests/integration/api.test.ts validates real responses against these schemas, so a
 * field added to, removed from or retyped in api.ts without updating this document fails the tests.
 */

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, "null"], ...extra });
const stringList = { type: "array", items: { type: "string" } } as const;

const errorResponse = (description: string) => ({
  description,
  headers: { "Access-Control-Allow-Origin": { $ref: "#/components/headers/AccessControlAllowOrigin" } },
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const okHeaders = {
  ETag: { description: "Strong validator of the body; send it back in If-None-Match.", schema: { type: "string" } },
  "Cache-Control": { description: "Public, short-lived.", schema: { type: "string" } },
  "Access-Control-Allow-Origin": { $ref: "#/components/headers/AccessControlAllowOrigin" },
};

const ifNoneMatch = {
  name: "If-None-Match",
  in: "header",
  required: false,
  description: "An ETag from an earlier response: 304 Not Modified when the body would be the same.",
  schema: { type: "string" },
};

const query = (name: string, description: string, schema: Record<string, unknown>) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});

export function openApiDocument(appUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Liaison Statements API",
      version: "1.0.0",
      description:
        "Read-only access to the public record of liaison statements exchanged between the IETF/IAB and other " +
        "standards bodies (RFC 4053bis). Only posted statements, and statements withdrawn after posting, are " +
        "included. No authentication; CORS is open for GET.",
    },
    servers: [{ url: `${appUrl}/api/v1` }],
    paths: {
      "/statements": {
        get: {
          operationId: "listStatements",
          summary: "Search and list public liaison statements",
          description: `Newest first, or ranked by relevance when \`q\` is given. ${PAGE_SIZE} a page by default.`,
          parameters: [
            query(
              "q",
              'Full-text search over title, other identifiers (e.g. S2-2405678), attachment titles, contacts, body and the text inside attachments (PDF, DOCX, HTML, plain text; ranked lowest, searchable a few seconds after upload). Web-search syntax: words, "a phrase", -excluded, or.',
              {
                type: "string",
                maxLength: MAX_QUERY_LENGTH,
              },
            ),
            query("from", "Acronym of a sending group (includes its sub-groups) or organization (all its groups).", {
              type: "string",
            }),
            query("to", "Acronym of a receiving group (includes its sub-groups) or organization (all its groups).", {
              type: "string",
            }),
            query("direction", "Incoming (to the IETF/IAB) or outgoing.", { $ref: "#/components/schemas/Direction" }),
            query("purpose", "The statement's purpose.", { $ref: "#/components/schemas/Purpose" }),
            query("since", "Posted on or after this day (UTC).", { type: "string", format: "date" }),
            query("until", "Posted on or before this day (UTC).", { type: "string", format: "date" }),
            query(
              "actionNeeded",
              "Only statements whose requested action is still open (true), or none of those (false).",
              {
                type: "boolean",
              },
            ),
            query("sort", "Sort key; `relevance` needs `q`.", { type: "string", enum: [...SORT_KEYS] }),
            query("order", "Sort order (default: newest first for date, ascending otherwise).", {
              type: "string",
              enum: ["asc", "desc"],
            }),
            query("page", "Page number, from 1.", { type: "integer", minimum: 1, default: 1 }),
            query("pageSize", "Statements per page.", {
              type: "integer",
              minimum: 1,
              maximum: MAX_PAGE_SIZE,
              default: PAGE_SIZE,
            }),
            ifNoneMatch,
          ],
          responses: {
            "200": {
              description: "One page of statements.",
              headers: okHeaders,
              content: { "application/json": { schema: { $ref: "#/components/schemas/StatementList" } } },
            },
            "304": { description: "Not modified (If-None-Match matched)." },
            "400": errorResponse("A query parameter is invalid; `error.fields` names each one."),
          },
        },
      },
      "/statements/{id}": {
        get: {
          operationId: "getStatement",
          summary: "One public liaison statement",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
            ifNoneMatch,
          ],
          responses: {
            "200": {
              description: "The statement.",
              headers: okHeaders,
              content: { "application/json": { schema: { $ref: "#/components/schemas/Statement" } } },
            },
            "304": { description: "Not modified (If-None-Match matched)." },
            "404": errorResponse(
              "No public statement has this id (unknown, draft, pending, or withdrawn before posting).",
            ),
          },
        },
      },
    },
    components: {
      headers: {
        AccessControlAllowOrigin: { description: "Always `*`.", schema: { type: "string", const: "*" } },
      },
      schemas: {
        Direction: { type: "string", enum: ["incoming", "outgoing"] },
        Purpose: {
          type: "string",
          enum: ["information", "action", "response", "comment"],
          description: "For information, For action, In response; `comment` (For comment) only on imported statements.",
        },
        Group: {
          type: "object",
          additionalProperties: false,
          required: ["acronym", "name", "organization"],
          properties: {
            acronym: { type: "string" },
            name: { type: "string" },
            organization: { type: "string", description: "Acronym of the group's organization, e.g. 3gpp, ietf." },
          },
        },
        Attachment: {
          type: "object",
          additionalProperties: false,
          required: ["title", "filename", "contentType", "size", "sha256", "url"],
          properties: {
            title: { type: "string" },
            filename: { type: "string" },
            contentType: { type: "string" },
            size: { type: "integer", minimum: 0, description: "Bytes." },
            sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
            url: { type: "string", format: "uri", description: "Download address." },
          },
        },
        Related: {
          type: "object",
          additionalProperties: false,
          required: ["id", "title", "relationship"],
          properties: {
            id: { type: "integer" },
            title: { type: "string" },
            relationship: {
              type: "string",
              enum: ["responds_to", "answered_by", "related_to"],
              description:
                "responds_to: this statement answers the related one; answered_by: the related one answers this " +
                "one; related_to: related in either direction.",
            },
          },
        },
        Statement: {
          type: "object",
          additionalProperties: false,
          required: [
            "id",
            "url",
            "direction",
            "state",
            "title",
            "purpose",
            "deadline",
            "from",
            "fromContact",
            "fromLiaisonContact",
            "to",
            "toContact",
            "toLiaisonContact",
            "body",
            "otherIdentifiers",
            "attachments",
            "related",
            "submittedAt",
            "postedAt",
            "actionStatus",
          ],
          properties: {
            id: { type: "integer" },
            url: { type: "string", format: "uri", description: "The statement's page." },
            direction: { $ref: "#/components/schemas/Direction" },
            state: {
              type: "string",
              enum: ["posted", "withdrawn"],
              description: "Public statements only: posted, or withdrawn after posting.",
            },
            title: { type: "string" },
            purpose: { $ref: "#/components/schemas/Purpose" },
            deadline: nullable("string", {
              format: "date",
              description: "For action: the date the action is needed by.",
            }),
            from: { type: "array", items: { $ref: "#/components/schemas/Group" } },
            fromContact: { ...stringList, description: "RFC 5322 mailboxes." },
            fromLiaisonContact: nullable("string", { description: "Send Reply to." }),
            to: { type: "array", items: { $ref: "#/components/schemas/Group" } },
            toContact: { ...stringList, description: "RFC 5322 mailboxes." },
            toLiaisonContact: nullable("string", { description: "Send to." }),
            body: { type: "string", description: "Plain text, exactly as entered." },
            otherIdentifiers: { ...stringList, description: "The peer's document numbers." },
            attachments: { type: "array", items: { $ref: "#/components/schemas/Attachment" } },
            related: { type: "array", items: { $ref: "#/components/schemas/Related" } },
            submittedAt: nullable("string", { format: "date-time" }),
            postedAt: nullable("string", { format: "date-time" }),
            actionStatus: { type: "string", enum: ["none", "needed", "taken", "unknown_imported"] },
          },
        },
        StatementList: {
          type: "object",
          additionalProperties: false,
          required: ["items", "page", "pageSize", "total"],
          properties: {
            items: { type: "array", items: { $ref: "#/components/schemas/Statement" } },
            page: { type: "integer", minimum: 1 },
            pageSize: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE },
            total: { type: "integer", minimum: 0 },
          },
        },
        Error: {
          type: "object",
          additionalProperties: false,
          required: ["error"],
          properties: {
            error: {
              type: "object",
              additionalProperties: false,
              required: ["message"],
              properties: {
                message: { type: "string" },
                fields: {
                  type: "object",
                  description: "Each bad parameter and what is wrong with it.",
                  additionalProperties: { type: "string" },
                },
              },
            },
          },
        },
      },
    },
  } as const;
}
