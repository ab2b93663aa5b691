import { describe, expect, it } from "vitest";
import { archiveQueryString, effectiveSort, PAGE_SIZE, parseArchiveQuery, parseArchiveQueryLenient } from "./filters";
import { splitHighlight } from "./highlight";

const parse = (query: string) => parseArchiveQuery(new URLSearchParams(query));

describe("parseArchiveQuery", () => {
  it("reads every parameter, trims, lower-cases acronyms and treats empty fields as absent", () => {
    expect(
      parse(
        "q=+S2-2405678+&direction=incoming&purpose=action&from=3GPP&to=quic&since=2024-01-01&until=2024-12-31&actionNeeded=true&sort=deadline&order=desc&page=3&pageSize=20",
      ),
    ).toEqual({
      ok: true,
      filters: {
        q: "S2-2405678",
        direction: "incoming",
        purpose: "action",
        from: "3gpp",
        to: "quic",
        since: "2024-01-01",
        until: "2024-12-31",
        actionNeeded: true,
        sort: "deadline",
        order: "desc",
        page: 3,
        pageSize: 20,
      },
    });
    // what an untouched GET form sends
    expect(parse("q=&direction=&purpose=&from=&to=&since=&until=&sort=&order=")).toEqual({
      ok: true,
      filters: { page: 1, pageSize: PAGE_SIZE },
    });
  });

  it("names each bad parameter", () => {
    const result = parse("direction=up&since=2024-02-30&pageSize=500&page=-1&sort=x");
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.fields).sort()).toEqual([
      "direction",
      "page",
      "pageSize",
      "since",
      "sort",
    ]);
    expect(parse("since=2024-05-01&until=2024-04-30")).toEqual({
      ok: false,
      fields: { until: "must not be before since" },
    });
  });

  it("the lenient parse keeps the good filters and reports the bad ones", () => {
    const { filters, invalid } = parseArchiveQueryLenient(new URLSearchParams("q=tls&since=yesterday&pageSize=5"));
    expect(filters).toEqual({ q: "tls", page: 1, pageSize: PAGE_SIZE });
    expect(Object.keys(invalid)).toEqual(["since"]);
  });
});

describe("archiveQueryString", () => {
  it("round-trips through the parser and leaves defaults out", () => {
    const filters = {
      q: 'quic "multipath"',
      direction: "outgoing" as const,
      from: "wit",
      until: "2025-01-01",
      actionNeeded: true,
      sort: "title" as const,
      order: "asc" as const,
      page: 2,
      pageSize: PAGE_SIZE,
    };
    const query = archiveQueryString(filters);
    expect(parseArchiveQuery(new URLSearchParams(query.slice(1)))).toEqual({ ok: true, filters });
    expect(archiveQueryString({ page: 1, pageSize: PAGE_SIZE })).toBe("");
    expect(archiveQueryString({ page: 1, actionNeeded: false })).toBe("");
  });
});

describe("effectiveSort", () => {
  it("ranks searches by relevance and lists by date unless a sort is chosen", () => {
    expect(effectiveSort({})).toEqual({ sort: "date", order: "desc" });
    expect(effectiveSort({ q: "x" })).toEqual({ sort: "relevance", order: "desc" });
    expect(effectiveSort({ sort: "relevance" })).toEqual({ sort: "date", order: "desc" });
    expect(effectiveSort({ q: "x", sort: "title" })).toEqual({ sort: "title", order: "asc" });
    expect(effectiveSort({ sort: "deadline", order: "desc" })).toEqual({ sort: "deadline", order: "desc" });
  });
});

describe("splitHighlight", () => {
  it("splits marked text into plain segments and merges adjacent matches", () => {
    expect(splitHighlight("LS on \u0002S2\u0003\u0002-2405678\u0003 <b>now</b>")).toEqual([
      { text: "LS on ", isMatch: false },
      { text: "S2-2405678", isMatch: true },
      { text: " <b>now</b>", isMatch: false },
    ]);
    expect(splitHighlight("")).toEqual([]);
    expect(splitHighlight("plain")).toEqual([{ text: "plain", isMatch: false }]);
  });
});
