/** The old Datatracker list (`/liaison/`) → the public list, permanently. */
export function GET() {
  return new Response(null, {
    status: 308,
    headers: { Location: "/statements", "Cache-Control": "public, max-age=86400" },
  });
}
