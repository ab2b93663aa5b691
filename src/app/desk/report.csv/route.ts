import { reportFileResponse } from "@/server/desk/report-response";

/** The status report as CSV (Download CSV on /desk/report). */
export function GET(request: Request) {
  return reportFileResponse(request, "csv");
}
