"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { currentNavigation } from "@/lib/current-navigation";

export interface MainNavItem {
  href: string;
  label: string;
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
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
