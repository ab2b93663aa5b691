// The relationship status report a liaison manager sends to the IESG and IAB (issue 9): a pure function
// of plain statement data, a period and "now", and its CSV and plain-text renderings. No I/O and no
// server-only import, so the report's exact contents are unit-tested (report.test.ts).
import type { ActionStatus, Direction, Purpose, StatementState } from "@/generated/prisma/enums";
import { daysBetween, isoDate, parseIsoDate } from "@/lib/dates";
import { purposeLabel } from "@/lib/labels";

/** Calendar days, both included, as YYYY-MM-DD (UTC). */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** The relationship reported on; null = all relationships. */
export interface ReportScope {
  acronym: string;
  name: string;
}

/** One public statement exchanged with the relationship, as the builder needs it. */
export interface ReportStatement {
  id: number;
  url: string;
  direction: Direction;
  /** posted, or withdrawn after posting */
  state: Extract<StatementState, "posted" | "withdrawn">;
  title: string;
  purpose: Purpose | null;
  postedAt: Date;
  deadline: Date | null;
  from: string[];
  to: string[];
  otherIdentifiers: string[];
  actionStatus: ActionStatus;
  actionTakenAt: Date | null;
  assignee: string | null;
  /** the statements this one answers (In response) */
  answers: { id: number; title: string }[];
  /** a posted statement from the peer answers this one */
  isAnswered: boolean;
}

export interface ReportItem {
  id: number;
  url: string;
  direction: Direction;
  /** the day it was posted */
  date: string;
  purpose: string;
  title: string;
  from: string[];
  to: string[];
  deadline: string | null;
  identifiers: string[];
  /** what stands out about it in this section, e.g. "Overdue by 3 days; assigned to Quentin Hale" */
  status: string;
}

export interface StatusReport {
  scope: ReportScope | null;
  period: ReportPeriod;
  /** "Q3 2026" when the period is a calendar quarter, else null */
  quarter: string | null;
  /** open actions and items awaiting the peer are as of this day */
  asOf: string;
  received: ReportItem[];
  sent: ReportItem[];
  repliesSent: ReportItem[];
  openActions: ReportItem[];
  /** the open actions past their deadline */
  overdue: ReportItem[];
  awaitingPeer: ReportItem[];
}

const DAY_MS = 86_400_000;

/** The last complete calendar quarter before `now` (UTC): the default period of the report. */
export function lastFullQuarter(now: Date): ReportPeriod {
  const year = now.getUTCFullYear();
  const quarterStart = Math.floor(now.getUTCMonth() / 3) * 3;
  const end = new Date(Date.UTC(year, quarterStart, 1) - DAY_MS);
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 2, 1));
  return { from: isoDate(start)!, to: isoDate(end)! };
}

/** "Q3 2026" when the period is exactly one calendar quarter. */
export function quarterOf(period: ReportPeriod): string | null {
  const start = parseIsoDate(period.from);
  if (start?.getUTCDate() !== 1 || start.getUTCMonth() % 3 !== 0) return null;
  const expected = lastFullQuarter(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1)));
  return expected.from === period.from && expected.to === period.to
    ? `Q${start.getUTCMonth() / 3 + 1} ${start.getUTCFullYear()}`
    : null;
}

export function describePeriod(period: ReportPeriod): string {
  const quarter = quarterOf(period);
  return `${period.from} to ${period.to}${quarter ? ` (${quarter})` : ""}`;
}

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** How a deadline stands on `today`: "Overdue by 3 days", "Due today", "Due in 5 days", "No deadline". */
function timing(deadline: Date | null, today: Date): string {
  if (!deadline) return "No deadline";
  const left = daysBetween(today, deadline);
  if (left < 0) return `Overdue by ${days(-left)}`;
  return left === 0 ? "Due today" : `Due in ${days(left)}`;
}

const isOverdue = (st: ReportStatement, today: Date) => st.deadline !== null && daysBetween(today, st.deadline) < 0;

function receivedStatus(st: ReportStatement): string {
  if (st.state === "withdrawn") return "Withdrawn";
  if (st.actionStatus === "needed")
    return `Action needed, ${st.assignee ? `assigned to ${st.assignee}` : "unassigned"}`;
  if (st.actionStatus === "taken")
    return st.actionTakenAt ? `Action taken ${isoDate(st.actionTakenAt)}` : "Action taken";
  return "";
}

function sentStatus(st: ReportStatement): string {
  if (st.state === "withdrawn") return "Withdrawn";
  if (st.purpose === "response" && st.answers.length) return `Answers: ${st.answers.map((a) => a.title).join("; ")}`;
  if (st.purpose === "action") return st.isAnswered || st.actionStatus === "taken" ? "Answered" : "Awaiting reply";
  return "";
}

function item(st: ReportStatement, status: string): ReportItem {
  return {
    id: st.id,
    url: st.url,
    direction: st.direction,
    date: isoDate(st.postedAt)!,
    purpose: purposeLabel(st.purpose),
    title: st.title,
    from: st.from,
    to: st.to,
    deadline: isoDate(st.deadline),
    identifiers: st.otherIdentifiers,
    status,
  };
}

const byPosted = (a: ReportStatement, b: ReportStatement) => a.postedAt.getTime() - b.postedAt.getTime() || a.id - b.id;
const byDeadline = (a: ReportStatement, b: ReportStatement) =>
  (a.deadline?.getTime() ?? Number.POSITIVE_INFINITY) - (b.deadline?.getTime() ?? Number.POSITIVE_INFINITY) ||
  a.id - b.id;

/**
 * The report: statements received and sent in the period (with dates, purposes and titles), the replies
 * sent in it, and, as of `now`, the incoming actions still open (overdue ones flagged) and the outgoing
 * For-action statements still awaiting the peer's reply, among those posted by the period's end.
 */
export function buildStatusReport(input: {
  scope: ReportScope | null;
  period: ReportPeriod;
  now: Date;
  statements: readonly ReportStatement[];
}): StatusReport {
  const { period, now } = input;
  const today = parseIsoDate(isoDate(now)!)!;
  const day = (st: ReportStatement) => isoDate(st.postedAt)!;
  const inPeriod = input.statements.filter((st) => day(st) >= period.from && day(st) <= period.to).sort(byPosted);
  const byEnd = input.statements.filter((st) => st.state === "posted" && day(st) <= period.to).sort(byDeadline);
  const received = inPeriod.filter((st) => st.direction === "incoming");
  const sent = inPeriod.filter((st) => st.direction === "outgoing");
  const open = byEnd.filter((st) => st.direction === "incoming" && st.actionStatus === "needed");
  const awaiting = byEnd.filter(
    (st) =>
      st.direction === "outgoing" &&
      st.purpose === "action" &&
      st.actionStatus !== "taken" &&
      st.actionStatus !== "unknown_imported" &&
      !st.isAnswered,
  );
  const openItems = open.map((st) =>
    item(st, `${timing(st.deadline, today)}; ${st.assignee ? `assigned to ${st.assignee}` : "unassigned"}`),
  );
  return {
    scope: input.scope,
    period,
    quarter: quarterOf(period),
    asOf: isoDate(now)!,
    received: received.map((st) => item(st, receivedStatus(st))),
    sent: sent.map((st) => item(st, sentStatus(st))),
    repliesSent: sent.filter((st) => st.purpose === "response").map((st) => item(st, sentStatus(st))),
    openActions: openItems,
    overdue: openItems.filter((_, i) => isOverdue(open[i]!, today)),
    awaitingPeer: awaiting.map((st) => item(st, timing(st.deadline, today))),
  };
}

/** The report's sections in order, with the names the CSV and the text use. */
export type ReportSection = ReturnType<typeof reportSections>[number];

export function reportSections(report: StatusReport) {
  return [
    { key: "received", title: "Statements received", row: "Received", items: report.received },
    { key: "sent", title: "Statements sent", row: "Sent", items: report.sent },
    { key: "replies", title: "Replies sent", row: "Reply sent", items: report.repliesSent },
    { key: "open", title: "Open actions", row: "Open action", items: report.openActions },
    { key: "awaiting", title: "Awaiting the peer's reply", row: "Awaiting reply", items: report.awaitingPeer },
  ] as const;
}

export function reportTitle(report: StatusReport): string {
  return `Liaison status report: ${report.scope ? `${report.scope.name} (${report.scope.acronym})` : "all relationships"}`;
}

// --- CSV (RFC 4180) -----------------------------------------------------------------------------------

export const CSV_HEADER = [
  "Section",
  "Posted",
  "Purpose",
  "Title",
  "From",
  "To",
  "Deadline",
  "Status",
  "Other identifiers",
  "URL",
];

/**
 * One CSV field: quoted when it holds a comma, quote or line break (quotes doubled, RFC 4180). A field a
 * spreadsheet would run as a formula (= + - @, tab, CR) is prefixed with a single quote first.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderReportCsv(report: StatusReport): string {
  const rows = [CSV_HEADER];
  for (const section of reportSections(report)) {
    for (const it of section.items) {
      rows.push([
        section.row,
        it.date,
        it.purpose,
        it.title,
        it.from.join(", "),
        it.to.join(", "),
        it.deadline ?? "",
        it.status,
        it.identifiers.join(", "),
        it.url,
      ]);
    }
  }
  return rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

// --- Plain text (to paste into mail) ------------------------------------------------------------------

function textItem(it: ReportItem): string[] {
  const facts = [`From ${it.from.join(", ")} to ${it.to.join(", ")}`];
  if (it.deadline) facts.push(`deadline ${it.deadline}`);
  if (it.identifiers.length) facts.push(it.identifiers.join(", "));
  return [
    `- ${it.date}, ${it.purpose}: ${it.title}`,
    `  ${facts.join("; ")}`,
    ...(it.status ? [`  ${it.status}`] : []),
    `  ${it.url}`,
  ];
}

/**
 * Which statements the report counts and as of when (issue 15, section 6), so its figures can be matched
 * with the desk's: the desk lists every open action whenever it was posted, the report those posted by the
 * period's end.
 */
export function reportScopeNote(report: StatusReport): string {
  const whom = report.scope ? report.scope.name : "any external body";
  return (
    `Counted: posted statements (and those withdrawn after posting) received from or sent to ${whom}, by the day they were posted. ` +
    `Drafts, pending statements and statements posted after ${report.period.to} are not counted; ` +
    `open actions and replies awaited are those posted by ${report.period.to} and still open on ${report.asOf}, ` +
    "so the desk, which counts every open one, can show more."
  );
}

export function renderReportText(report: StatusReport): string {
  const sections = reportSections(report);
  const count = (key: (typeof sections)[number]["key"]) => sections.find((s) => s.key === key)!.items.length;
  const lines = [
    reportTitle(report),
    `Period: ${describePeriod(report.period)}`,
    `Open actions and replies awaited are as of ${report.asOf}.`,
    reportScopeNote(report),
    "",
    "Summary",
    `  Statements received: ${count("received")}`,
    `  Statements sent: ${count("sent")}`,
    `  Replies sent: ${count("replies")}`,
    `  Open actions: ${count("open")} (${report.overdue.length} overdue)`,
    `  Awaiting the peer's reply: ${count("awaiting")}`,
  ];
  for (const section of sections) {
    lines.push("", `${section.title} (${section.items.length})`, "");
    if (section.items.length === 0) lines.push("  None.");
    section.items.forEach((it, i) => {
      if (i > 0) lines.push("");
      lines.push(...textItem(it));
    });
  }
  return `${lines.join("\n")}\n`;
}
