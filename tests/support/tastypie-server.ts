/**
 * A local HTTP server that answers like the Datatracker's tastypie API (DATATRACKER.md §3.1) over an
 * in-memory archive: list endpoints `/api/v1/<app>/<resource>/`, `limit` (default 20, at most 1000, 0 =
 * 1000), `offset`, relative `next`/`previous` repeating the other parameters, `order_by=id|-id` where the
 * resource allows it, and the filters the importer's crawl uses (`name__in`, `id__in`, `person__in`,
 * `type__in`). Anything else is HTTP 400, as tastypie's InvalidFilterError; an unknown resource is 404.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Archive } from "./datatracker-archive";
import { envelope } from "./datatracker-archive";

type Obj = Record<string, unknown>;

const keyOf = (uri: unknown) => (typeof uri === "string" ? (uri.split("/").filter(Boolean).pop() ?? "") : "");

const FILTERS: Record<string, (o: Obj, values: string[]) => boolean> = {
  name__in: (o, v) => v.includes(keyOf(o.name)),
  id__in: (o, v) => v.includes(String(o.id)),
  person__in: (o, v) => v.includes(keyOf(o.person)),
  type__in: (o, v) => v.includes(keyOf(o.type)),
};

export interface TastypieServer {
  url: string;
  /** every request path with its query, in order */
  requests: string[];
  close(): Promise<void>;
}

export async function startTastypieServer(archive: Archive): Promise<TastypieServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    requests.push(`${url.pathname}${url.search}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const match = /^\/api\/v1\/([a-z]+)\/([a-z]+)\/$/.exec(url.pathname);
    const resource = match ? `${match[1]}/${match[2]}` : "";
    const all = archive[resource] ?? (match?.[1] === "name" ? [] : undefined);
    if (!all) return send(404, { error: `no resource ${url.pathname}` });
    let objects = [...all];
    const others: string[] = [];
    let limit = 20;
    let offset = 0;
    for (const [param, value] of url.searchParams) {
      if (param === "format") continue;
      if (param === "limit") {
        limit = Number(value);
        if (!Number.isInteger(limit) || limit < 0) return send(400, { error: "Invalid limit provided" });
        limit = limit === 0 || limit > 1000 ? 1000 : limit;
      } else if (param === "offset") {
        offset = Number(value);
        if (!Number.isInteger(offset) || offset < 0) return send(400, { error: "Invalid offset provided" });
      } else if (param === "order_by") {
        if (!resource.startsWith("liaisons/") || !["id", "-id"].includes(value))
          return send(400, { error: `No matching 'ordering' for '${value}'` });
        objects.sort((a, b) => (Number(a.id) - Number(b.id)) * (value === "-id" ? -1 : 1));
        others.push(`${param}=${value}`);
      } else if (FILTERS[param]) {
        const values = value.split(",");
        objects = objects.filter((o) => FILTERS[param]!(o, values));
        others.push(`${param}=${value}`);
      } else {
        return send(400, { error: `The '${param}' field does not allow filtering.` });
      }
    }
    const page = envelope(resource, objects, offset, limit, others.join("&"));
    send(200, page);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
