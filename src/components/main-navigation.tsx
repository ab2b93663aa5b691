"use client";

import { usePathname, useSearchParams } from "next/navigation";
import Link from "@/components/link";
import { currentNavigation } from "@/lib/current-navigation";

export interface MainNavItem {
  href: string;
  label: string;
  count?: number;
}

/** The main navigation, marking where the visitor is (`aria-current`), also after client-side navigation. */
export function MainNavigation({ items }: { items: MainNavItem[] }) {
  const current = currentNavigation(items, usePathname() ?? "/", new URLSearchParams(useSearchParams()?.toString()));
  return (
    <nav aria-label="Main" className="border-t border-white/10 bg-brand-700">
      <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-5 gap-y-1 px-4 py-2 text-sm sm:px-6">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current.get(item.href)}
              className="text-white no-underline hover:underline aria-[current]:font-semibold aria-[current]:underline aria-[current]:decoration-2 aria-[current]:underline-offset-4"
            >
              {item.count ? (
                <>
                  {/* The count is part of the link's name: "Approvals, 3 waiting" (issue 15 §2). One text for
                      screen readers (a separate hidden span would be read "Approvals , 3 waiting"). */}
                  <span className="sr-only">{`${item.label}, ${item.count} waiting`}</span>
                  <span aria-hidden="true">{item.label}</span>
                  <span
                    aria-hidden="true"
                    className="ml-1.5 inline-block min-w-5 rounded-full bg-white px-1.5 text-center text-xs font-semibold text-brand-800 no-underline"
                  >
                    {item.count}
                  </span>
                </>
              ) : (
                item.label
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
