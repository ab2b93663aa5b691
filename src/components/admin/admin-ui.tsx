import type { ReactNode } from "react";
import Link from "@/components/link";

/** Shared bits of the administration pages: headings, sections, status notes and paging. */

export function AdminHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="flex flex-wrap items-end justify-between gap-3">
      <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
      {children ? <div className="flex flex-wrap gap-3 text-sm">{children}</div> : null}
    </header>
  );
}

export function AdminSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 border-t border-slate-200 pt-6">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function ActionLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      className="rounded-md bg-brand-700 px-3 py-2 font-medium text-white no-underline hover:bg-brand-800"
    >
      {children}
    </Link>
  );
}

export function StatusNote({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900">
      {children}
    </p>
  );
}

/** Previous / next links keeping the other query parameters. */
export function Pager({
  path,
  page,
  pageSize,
  total,
  params = {},
}: {
  path: string;
  page: number;
  pageSize: number;
  total: number;
  params?: Record<string, string | undefined>;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return null;
  const href = (p: number) => {
    const query = new URLSearchParams(
      Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => !!e[1]),
    );
    return `${path}?${query.toString()}`;
  };
  return (
    <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
      {page > 1 ? <Link href={href(page - 1)}>Previous page</Link> : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link href={href(page + 1)}>Next page</Link> : null}
    </nav>
  );
}
