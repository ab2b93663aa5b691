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
  if (pages === null) {
    return (
      <nav aria-label="Pages" className="flex flex-wrap items-center gap-2 text-sm">
        {page > 1 ? <PageLink href={hrefFor(1)} label="First page" /> : null}
        {page > 1 ? <PageLink href={hrefFor(page - 1)} label="Previous page" rel="prev" /> : null}
        <span aria-current="page" className="px-2">
          Page {page}
        </span>
        {hasNext ? <PageLink href={hrefFor(page + 1)} label="Next page" rel="next" /> : null}
      </nav>
    );
  }
  if (pages <= 1 && page <= 1) return null;
  const link = (target: number, label: string, rel?: string) => (
    <a
      href={hrefFor(target)}
      rel={rel}
      className="rounded-md border border-slate-300 px-3 py-1 no-underline hover:bg-slate-50"
    >
      {label}
    </a>
  );
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-2 text-sm">
      {page > 1 ? link(1, "First page") : null}
      {page > 1 ? link(Math.min(page - 1, pages), "Previous page", "prev") : null}
      <span aria-current="page" className="px-2">
        Page {page} of {pages}
      </span>
      {page < pages ? link(page + 1, "Next page", "next") : null}
      {page < pages ? link(pages, "Last page") : null}
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
