import { describe, expect, it } from "vitest";
import {
  buildStatusReport,
  csvField,
  lastFullQuarter,
  quarterOf,
  type ReportStatement,
  renderReportCsv,
  renderReportText,
  reportScopeNote,
} from "./report";

const url = (id: number) => `https://liaisons.example.org/statements/${id}`;
const at = (iso: string) => new Date(iso);

function st(
  overrides: Partial<ReportStatement> & Pick<ReportStatement, "id" | "direction" | "title" | "purpose" | "postedAt">,
): ReportStatement {
  return {
    url: url(overrides.id),
    state: "posted",
    deadline: null,
    from: [],
    to: [],
    otherIdentifiers: [],
    actionStatus: "none",
    actionTakenAt: null,
    assignee: null,
    answers: [],
    isAnswered: false,
    ...overrides,
  };
}

/** Q3 2026 with 3GPP, seen on 2026-10-15: in the period, before it, after it, withdrawn, answered. */
const STATEMENTS: ReportStatement[] = [
  st({
    id: 1,
    direction: "incoming",
    title: 'LS on QUIC, "multipath" and 5G',
    purpose: "action",
    postedAt: at("2026-07-10T09:00:00Z"),
    deadline: at("2026-09-01"),
    from: ["3gpp-tsgsa-sa2"],
    to: ["quic", "masque"],
    otherIdentifiers: ["S2-2405678"],
    actionStatus: "needed",
    assignee: "Quentin Hale",
  }),
  st({
    id: 2,
    direction: "incoming",
    title: '=HYPERLINK("http://evil.example/x")',
    purpose: "information",
    postedAt: at("2026-08-02T12:00:00Z"),
    from: ["3gpp-tsg-ct"],
    to: ["httpbis"],
  }),
  st({
    id: 3,
    direction: "outgoing",
    title: "Reply LS on QUIC",
    purpose: "response",
    postedAt: at("2026-08-20T08:00:00Z"),
    from: ["quic"],
    to: ["3gpp-tsgsa-sa2"],
    answers: [{ id: 9, title: "LS on earlier question" }],
  }),
  st({
    id: 4,
    direction: "outgoing",
    title: "-LS asking SA3 for input",
    purpose: "action",
    postedAt: at("2026-09-30T23:30:00Z"),
    deadline: at("2026-11-01"),
    from: ["tls"],
    to: ["3gpp-tsgsa-sa3"],
  }),
  st({
    id: 5,
    direction: "incoming",
    title: "LS on early data",
    purpose: "action",
    postedAt: at("2026-06-15T10:00:00Z"),
    deadline: at("2026-12-01"),
    from: ["3gpp-tsgsa-sa3"],
    to: ["tls"],
    otherIdentifiers: ["S3-243187"],
    actionStatus: "needed",
  }),
  st({
    id: 6,
    direction: "incoming",
    title: "LS after the period",
    purpose: "action",
    postedAt: at("2026-10-02T10:00:00Z"),
    deadline: at("2026-10-10"),
    from: ["3gpp-tsg-sa"],
    to: ["quic"],
    actionStatus: "needed",
    assignee: "Mia Tanaka",
  }),
  st({
    id: 7,
    direction: "incoming",
    state: "withdrawn",
    title: "LS sent by mistake",
    purpose: "information",
    postedAt: at("2026-07-20T10:00:00Z"),
    from: ["3gpp-tsg-sa"],
    to: ["quic"],
  }),
  st({
    id: 8,
    direction: "outgoing",
    title: "LS answered by the peer",
    purpose: "action",
    postedAt: at("2026-05-01T10:00:00Z"),
    deadline: at("2026-07-01"),
    from: ["quic"],
    to: ["3gpp-tsg-sa"],
    isAnswered: true,
  }),
  st({
    id: 9,
    direction: "incoming",
    title: "LS on earlier question",
    purpose: "action",
    postedAt: at("2026-07-01T00:00:00Z"),
    deadline: at("2026-07-31"),
    from: ["3gpp-tsg-sa"],
    to: ["iesg"],
    actionStatus: "taken",
    actionTakenAt: at("2026-08-20T08:00:00Z"),
  }),
];

const Q3 = { from: "2026-07-01", to: "2026-09-30" };
const NOW = at("2026-10-15T10:00:00Z");
const SCOPE = { acronym: "3gpp", name: "3rd Generation Partnership Project" };

const report = () => buildStatusReport({ scope: SCOPE, period: Q3, now: NOW, statements: STATEMENTS });

describe("the status report builder", () => {
  it("sorts the statements into received, sent, replies, open actions and items awaiting the peer", () => {
    const r = report();
    const summary = (items: { id: number; status: string }[]) => items.map((i) => [i.id, i.status]);
    expect(r.quarter).toBe("Q3 2026");
    expect(r.asOf).toBe("2026-10-15");
    expect(summary(r.received)).toEqual([
      [9, "Action taken 2026-08-20"],
      [1, "Action needed, assigned to Quentin Hale"],
      [7, "Withdrawn"],
      [2, ""],
    ]);
    expect(summary(r.sent)).toEqual([
      [3, "Answers: LS on earlier question"],
      [4, "Awaiting reply"],
    ]);
    expect(summary(r.repliesSent)).toEqual([[3, "Answers: LS on earlier question"]]);
    expect(summary(r.openActions)).toEqual([
      [1, "Overdue by 44 days; assigned to Quentin Hale"],
      [5, "Due in 47 days; unassigned"],
    ]);
    expect(r.overdue.map((i) => i.id)).toEqual([1]);
    expect(summary(r.awaitingPeer)).toEqual([[4, "Due in 17 days"]]);
    expect(r.received[1]).toEqual({
      id: 1,
      url: url(1),
      direction: "incoming",
      date: "2026-07-10",
      purpose: "For action",
      title: 'LS on QUIC, "multipath" and 5G',
      from: ["3gpp-tsgsa-sa2"],
      to: ["quic", "masque"],
      deadline: "2026-09-01",
      identifiers: ["S2-2405678"],
      status: "Action needed, assigned to Quentin Hale",
    });
  });

  it("renders the plain text for mail exactly", () => {
    expect(renderReportText(report())).toBe(`Liaison status report: 3rd Generation Partnership Project (3gpp)
Period: 2026-07-01 to 2026-09-30 (Q3 2026)
Open actions and replies awaited are as of 2026-10-15.
Counted: posted statements (and those withdrawn after posting) received from or sent to 3rd Generation Partnership Project, by the day they were posted. Drafts, pending statements and statements posted after 2026-09-30 are not counted; open actions and replies awaited are those posted by 2026-09-30 and still open on 2026-10-15, so the desk, which counts every open one, can show more.

Summary
  Statements received: 4
  Statements sent: 2
  Replies sent: 1
  Open actions: 2 (1 overdue)
  Awaiting the peer's reply: 1

Statements received (4)

- 2026-07-01, For action: LS on earlier question
  From 3gpp-tsg-sa to iesg; deadline 2026-07-31
  Action taken 2026-08-20
  ${url(9)}

- 2026-07-10, For action: LS on QUIC, "multipath" and 5G
  From 3gpp-tsgsa-sa2 to quic, masque; deadline 2026-09-01; S2-2405678
  Action needed, assigned to Quentin Hale
  ${url(1)}

- 2026-07-20, For information: LS sent by mistake
  From 3gpp-tsg-sa to quic
  Withdrawn
  ${url(7)}

- 2026-08-02, For information: =HYPERLINK("http://evil.example/x")
  From 3gpp-tsg-ct to httpbis
  ${url(2)}

Statements sent (2)

- 2026-08-20, In response: Reply LS on QUIC
  From quic to 3gpp-tsgsa-sa2
  Answers: LS on earlier question
  ${url(3)}

- 2026-09-30, For action: -LS asking SA3 for input
  From tls to 3gpp-tsgsa-sa3; deadline 2026-11-01
  Awaiting reply
  ${url(4)}

Replies sent (1)

- 2026-08-20, In response: Reply LS on QUIC
  From quic to 3gpp-tsgsa-sa2
  Answers: LS on earlier question
  ${url(3)}

Open actions (2)

- 2026-07-10, For action: LS on QUIC, "multipath" and 5G
  From 3gpp-tsgsa-sa2 to quic, masque; deadline 2026-09-01; S2-2405678
  Overdue by 44 days; assigned to Quentin Hale
  ${url(1)}

- 2026-06-15, For action: LS on early data
  From 3gpp-tsgsa-sa3 to tls; deadline 2026-12-01; S3-243187
  Due in 47 days; unassigned
  ${url(5)}

Awaiting the peer's reply (1)

- 2026-09-30, For action: -LS asking SA3 for input
  From tls to 3gpp-tsgsa-sa3; deadline 2026-11-01
  Due in 17 days
  ${url(4)}
`);
  });

  it("renders the CSV exactly: RFC 4180 quoting, CRLF, formula cells neutralized", () => {
    const expected = [
      "Section,Posted,Purpose,Title,From,To,Deadline,Status,Other identifiers,URL",
      `Received,2026-07-01,For action,LS on earlier question,3gpp-tsg-sa,iesg,2026-07-31,Action taken 2026-08-20,,${url(9)}`,
      `Received,2026-07-10,For action,"LS on QUIC, ""multipath"" and 5G",3gpp-tsgsa-sa2,"quic, masque",2026-09-01,"Action needed, assigned to Quentin Hale",S2-2405678,${url(1)}`,
      `Received,2026-07-20,For information,LS sent by mistake,3gpp-tsg-sa,quic,,Withdrawn,,${url(7)}`,
      `Received,2026-08-02,For information,"'=HYPERLINK(""http://evil.example/x"")",3gpp-tsg-ct,httpbis,,,,${url(2)}`,
      `Sent,2026-08-20,In response,Reply LS on QUIC,quic,3gpp-tsgsa-sa2,,Answers: LS on earlier question,,${url(3)}`,
      `Sent,2026-09-30,For action,'-LS asking SA3 for input,tls,3gpp-tsgsa-sa3,2026-11-01,Awaiting reply,,${url(4)}`,
      `Reply sent,2026-08-20,In response,Reply LS on QUIC,quic,3gpp-tsgsa-sa2,,Answers: LS on earlier question,,${url(3)}`,
      `Open action,2026-07-10,For action,"LS on QUIC, ""multipath"" and 5G",3gpp-tsgsa-sa2,"quic, masque",2026-09-01,Overdue by 44 days; assigned to Quentin Hale,S2-2405678,${url(1)}`,
      `Open action,2026-06-15,For action,LS on early data,3gpp-tsgsa-sa3,tls,2026-12-01,Due in 47 days; unassigned,S3-243187,${url(5)}`,
      `Awaiting reply,2026-09-30,For action,'-LS asking SA3 for input,tls,3gpp-tsgsa-sa3,2026-11-01,Due in 17 days,,${url(4)}`,
    ];
    expect(renderReportCsv(report())).toBe(expected.map((line) => `${line}\r\n`).join(""));
  });

  it("states its scope, so its figures can be matched with the desk's (issue 15, section 6)", () => {
    const scope = reportScopeNote(report());
    expect(scope).toMatch(/^Counted: posted statements/);
    expect(scope).toContain("still open on 2026-10-15");
    expect(scope).toContain("posted by 2026-09-30");
  });

  it("says so when there is nothing to report, for all relationships", () => {
    const empty = buildStatusReport({
      scope: null,
      period: { from: "2026-10-01", to: "2026-10-14" },
      now: NOW,
      statements: [],
    });
    expect(renderReportText(empty)).toBe(`Liaison status report: all relationships
Period: 2026-10-01 to 2026-10-14
Open actions and replies awaited are as of 2026-10-15.
Counted: posted statements (and those withdrawn after posting) received from or sent to any external body, by the day they were posted. Drafts, pending statements and statements posted after 2026-10-14 are not counted; open actions and replies awaited are those posted by 2026-10-14 and still open on 2026-10-15, so the desk, which counts every open one, can show more.

Summary
  Statements received: 0
  Statements sent: 0
  Replies sent: 0
  Open actions: 0 (0 overdue)
  Awaiting the peer's reply: 0

Statements received (0)

  None.

Statements sent (0)

  None.

Replies sent (0)

  None.

Open actions (0)

  None.

Awaiting the peer's reply (0)

  None.
`);
    expect(renderReportCsv(empty)).toBe(
      "Section,Posted,Purpose,Title,From,To,Deadline,Status,Other identifiers,URL\r\n",
    );
  });
});

describe("CSV fields", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+2", "'=1+2"],
    ["+44 20", "'+44 20"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ['=A1,"x"', `"'=A1,""x"""`],
    ["2026-07-01", "2026-07-01"],
    ["", ""],
  ])("%j → %j", (input, output) => {
    expect(csvField(input)).toBe(output);
  });
});

describe("the default period", () => {
  it.each([
    ["2026-11-23T08:00:00Z", "2026-07-01", "2026-09-30"],
    ["2026-01-05T00:00:00Z", "2025-10-01", "2025-12-31"],
    ["2026-04-01T00:00:00Z", "2026-01-01", "2026-03-31"],
    ["2026-03-31T23:59:59Z", "2025-10-01", "2025-12-31"],
  ])("on %s the last full quarter is %s to %s", (now, from, to) => {
    expect(lastFullQuarter(new Date(now))).toEqual({ from, to });
  });

  it("names calendar quarters only", () => {
    expect(quarterOf({ from: "2026-07-01", to: "2026-09-30" })).toBe("Q3 2026");
    expect(quarterOf({ from: "2025-10-01", to: "2025-12-31" })).toBe("Q4 2025");
    expect(quarterOf({ from: "2026-07-01", to: "2026-09-29" })).toBeNull();
    expect(quarterOf({ from: "2026-08-01", to: "2026-10-31" })).toBeNull();
  });
});
