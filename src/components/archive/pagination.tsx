/** Previous/next and first/last links that keep every filter (the hrefs come from the page). Plain links:
 * nothing to prefetch, and the same without JavaScript. `pages` null: the number of pages is not known (a
 * search past its counting cap, ADR 039): no last page, and a next page while this one is full. */
export function Pagination({
  page,
  pages,
  hasNext = false,
  hrefFor,
}: {
  page: number;
  pages: number | null;
  hasNext?: boolean;
  hrefFor: (page: number) => string;
}) {
  const known = pages !== null;
  if (known && pages <= 1 && page <= 1) return null;
  const hasNextPage = known ? page < pages : hasNext;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-2 text-sm">
      {page > 1 ? <PageLink href={hrefFor(1)} label="First page" /> : null}
      {page > 1 ? (
        <PageLink href={hrefFor(known ? Math.min(page - 1, pages) : page - 1)} label="Previous page" rel="prev" />
      ) : null}
      <span aria-current="page" className="px-2">
        {known ? `Page ${page} of ${pages}` : `Page ${page}`}
      </span>
      {hasNextPage ? <PageLink href={hrefFor(page + 1)} label="Next page" rel="next" /> : null}
      {known && page < pages ? <PageLink href={hrefFor(pages)} label="Last page" /> : null}
    </nav>
  );
}

function PageLink({ href, label, rel }: { href: string; label: string; rel?: string }) {
  return (
    <a href={href} rel={rel} className="rounded-md border border-slate-300 px-3 py-1 no-underline hover:bg-slate-50">
      {label}
    </a>
  );
}
