import { reportFileResponse } from "@/server/desk/report-response";

/** The status report as plain text, ready to paste into mail (Plain text on /desk/report). */
export function GET(request: Request) {
  return reportFileResponse(request, "txt");
}
