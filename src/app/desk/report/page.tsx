import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { ReportPeriodForm } from "@/components/desk/report-period-form";
import { SendReportForm } from "@/components/desk/send-report-form";
import { StatusReportView } from "@/components/desk/status-report-view";
import Link from "@/components/link";
import { env } from "@/env";
import { currentActor } from "@/server/auth/actor";
import { MAIL_LIMITS } from "@/server/auth/rate-limit";
import { loadGroupIndex } from "@/server/authz/load";
import { mayUseDesk } from "@/server/authz/policy";
import { describePeriod, lastFullQuarter, reportScopeNote, reportSections, reportTitle } from "@/server/desk/report";
import { type LoadedReport, loadStatusReport } from "@/server/desk/report-data";
import { parseReportParams, type ReportQueryInput, reportSearch } from "@/server/desk/report-query";
import { AppError } from "@/server/errors";

export const metadata: Metadata = { title: "Status report" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Bad parameters are reported and left out (the defaults apply), so a mistyped date is not an error page. */
function lenientInput(raw: Awaited<SearchParams>): { input: ReportQueryInput; errors: Record<string, string> } {
  const params = new URLSearchParams();
  for (const key of ["org", "from", "to"]) {
    const value = raw[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  const first = parseReportParams(params);
  if (first.ok) return { input: first.input, errors: {} };
  for (const key of Object.keys(first.errors)) params.delete(key);
  const second = parseReportParams(params);
  return { input: second.ok ? second.input : {}, errors: first.errors };
}

/** Issue 9: the status report of a relationship over a period, as a page, CSV, plain text, or mail. */
export default async function ReportPage({ searchParams }: { searchParams: SearchParams }) {
  const { input, errors } = lenientInput(await searchParams);
  const actor = await currentActor();
  if (!actor) redirect("/sign-in?callbackUrl=/desk/report");
  if (!mayUseDesk(actor)) forbidden();
  let loaded: LoadedReport;
  try {
    loaded = await loadStatusReport(actor, await loadGroupIndex(), input);
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { report, query, events } = loaded;
  const search = reportSearch(query);
  const quarter = lastFullQuarter(new Date());
  const config = env();
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href="/desk">Desk</Link> › Status report
        </p>
        <h1 className="text-3xl font-semibold tracking-tight">Status report</h1>
        <p className="text-slate-700">
          {reportTitle(report).replace("Liaison status report: ", "")} · {describePeriod(query.period)}
        </p>
        <p className="text-sm text-slate-700">Open actions and replies awaited are as of {report.asOf}.</p>
        <p className="text-sm text-slate-600">{reportScopeNote(report)}</p>
      </header>
      {Object.keys(errors).length ? (
        <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">Some parameters were ignored:</p>
          <ul className="list-disc pl-5">
            {Object.entries(errors).map(([field, message]) => (
              <li key={field}>
                {field}: {message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ReportPeriodForm
        org={query.org}
        from={query.period.from}
        to={query.period.to}
        choices={loaded.relationships.map((r) => ({ acronym: r.acronym, name: r.name }))}
        mayChooseAll={loaded.mayReportOnAll}
        errors={errors}
      />
      <p className="no-print flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <a href={`/desk/report.csv${search}`} download>
          Download CSV
        </a>
        <a href={`/desk/report.txt${search}`}>Plain text</a>
        <Link
          href={`/desk/report?${new URLSearchParams({ org: query.org, from: quarter.from, to: quarter.to }).toString()}`}
        >
          Last full quarter
        </Link>
      </p>
      <StatusReportView report={report} sections={reportSections(report)} />
      <section aria-labelledby="send-report" className="no-print space-y-3 rounded-lg border border-slate-200 p-4">
        <h2 id="send-report" className="text-lg font-semibold">
          Send report
        </h2>
        <p className="text-sm text-slate-700">
          Mails this report as plain text (the same as &ldquo;Plain text&rdquo; above) and records it in the
          relationship&rsquo;s history below.
        </p>
        <SendReportForm
          org={query.org}
          from={query.period.from}
          to={query.period.to}
          defaultRecipients={[config.iesgAddress, config.iabAddress]}
          maxRecipients={MAIL_LIMITS.reportRecipients}
        />
      </section>
      <section aria-labelledby="reports-sent" className="space-y-2">
        <h2 id="reports-sent" className="text-lg font-semibold">
          Reports sent
        </h2>
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">No report has been sent for this relationship yet.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {events.map((e) => (
              <li key={e.id}>
                <time dateTime={e.at.toISOString()}>{TIME.format(e.at)} UTC</time> · {e.by ?? "someone"}: {e.summary}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
