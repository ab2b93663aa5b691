import "server-only";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { mayUseDesk } from "@/server/authz/policy";
import { AppError } from "@/server/errors";
import { renderReportCsv, renderReportText } from "./report";
import { loadStatusReport } from "./report-data";
import { parseReportParams } from "./report-query";

const text = (status: number, body: string) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" },
  });

/**
 * /desk/report.csv and /desk/report.txt: the status report as a file, for the same people and with the same
 * parameters as /desk/report. Signed out → the sign-in page; not allowed → 403; bad parameter → 400.
 */
export async function reportFileResponse(request: Request, format: "csv" | "txt"): Promise<Response> {
  const url = new URL(request.url);
  const actor = await currentActor();
  if (!actor) {
    const back = `${url.pathname}${url.search}`;
    return new Response(null, {
      status: 303,
      headers: { Location: `/sign-in?callbackUrl=${encodeURIComponent(back)}` },
    });
  }
  if (!mayUseDesk(actor)) return text(403, "You are not allowed to use the liaison manager's desk.");
  const parsed = parseReportParams(url.searchParams);
  if (!parsed.ok)
    return text(
      400,
      Object.entries(parsed.errors)
        .map(([k, m]) => `${k}: ${m}`)
        .join("\n"),
    );
  try {
    const { report, query } = await loadStatusReport(actor, await loadGroupIndex(), parsed.input);
    const name = `liaison-report-${query.org}-${query.period.from}-to-${query.period.to}.${format}`;
    const isCsv = format === "csv";
    // The byte-order mark lets spreadsheet programs read the CSV as UTF-8.
    const body = isCsv ? `\uFEFF${renderReportCsv(report)}` : renderReportText(report);
    return new Response(body, {
      headers: {
        "Content-Type": isCsv ? "text/csv; charset=utf-8; header=present" : "text/plain; charset=utf-8",
        "Content-Disposition": `${isCsv ? "attachment" : "inline"}; filename="${name}"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") return text(403, error.message);
    if (error instanceof AppError && error.code === "NOT_FOUND") return text(404, error.message);
    throw error;
  }
}
