/**
 * Old Datatracker links (`/liaison/<id>/`, kept in mail archives and documents) → `/statements/<id>`,
 * permanently. Imported statements keep their Datatracker ids. Next first strips the trailing slash
 * (308 `/liaison/<id>/` → `/liaison/<id>`), then this answers with a second 308. The Location is relative
 * so it stays right behind any proxy; the statement page itself decides whether the reader may see it.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[1-9][0-9]{0,15}$/.test(id)) {
    return new Response("Not found\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
    });
  }
  return new Response(null, {
    status: 308,
    headers: { Location: `/statements/${id}`, "Cache-Control": "public, max-age=86400" },
  });
}
