import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { type DirectoryStatement, DirectoryStatementsTable } from "./directory-statements-table";

const statement: DirectoryStatement = {
  id: 7,
  title: "LS on QUIC <multipath>",
  state: "withdrawn",
  direction: "incoming",
  purpose: "action",
  deadline: new Date("2026-12-24T00:00:00Z"),
  postedAt: new Date("2026-11-02T10:00:00Z"),
  actionStatus: "needed",
  from: [{ name: "3GPP TSG SA" }],
  to: [{ name: "QUIC" }, { name: "TLS" }],
};

const headers = (html: string) => [...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);

describe("the directory's statement table (group and organization pages)", () => {
  it("the organization's columns, and each row as a visitor reads it", () => {
    const html = renderToStaticMarkup(
      createElement(DirectoryStatementsTable, { caption: "Posted", statements: [statement] }),
    );
    expect(headers(html)).toEqual(["Posted", "Title", "From", "To", "Purpose"]);
    expect(html).toContain('href="/statements/7"');
    expect(html).toContain("LS on QUIC &lt;multipath&gt;");
    expect(html).toContain("(withdrawn)");
    expect(html).toContain("QUIC, TLS");
    expect(html).toContain("by 2026-12-24");
  });

  it("a group's page adds Direction and Action", () => {
    const html = renderToStaticMarkup(
      createElement(DirectoryStatementsTable, {
        caption: "Posted",
        statements: [statement],
        withDirectionAndAction: true,
      }),
    );
    expect(headers(html)).toEqual(["Posted", "Title", "Direction", "From", "To", "Purpose", "Action"]);
    expect(html).toContain(">Incoming<");
  });
});
