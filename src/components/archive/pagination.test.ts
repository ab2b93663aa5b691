import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Pagination } from "./pagination";

const render = (props: { page: number; pages: number | null; hasNext?: boolean }) =>
  renderToStaticMarkup(createElement(Pagination, { ...props, hrefFor: (page: number) => `/statements?page=${page}` }));
const links = (html: string) =>
  [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);

describe("Pagination", () => {
  it("with a known number of pages: first, previous, next and last", () => {
    const html = render({ page: 2, pages: 3 });
    expect(html).toContain("Page 2 of 3");
    expect(links(html)).toEqual([
      "First page /statements?page=1",
      "Previous page /statements?page=1",
      "Next page /statements?page=3",
      "Last page /statements?page=3",
    ]);
  });

  // A search past its counting cap (ADR 039) does not know its last page.
  it("without a known number of pages: no last page, a next page while this one is full", () => {
    const full = render({ page: 21, pages: null, hasNext: true });
    expect(full).toContain("Page 21<");
    expect(full).not.toContain(" of ");
    expect(links(full)).toEqual([
      "First page /statements?page=1",
      "Previous page /statements?page=20",
      "Next page /statements?page=22",
    ]);
    expect(links(render({ page: 1, pages: null, hasNext: false }))).toEqual([]);
  });
});
