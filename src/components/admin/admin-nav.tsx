"use client";

import { usePathname } from "next/navigation";
import Link from "@/components/link";
import { currentNavigation } from "@/lib/current-navigation";

const ITEMS = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/organizations", label: "Organizations" },
  { href: "/admin/groups", label: "Groups" },
  { href: "/admin/people", label: "People" },
  { href: "/admin/audit", label: "Audit log" },
];

/** The administration's sections, marking the one the page is in (`aria-current`, as the main navigation does). */
export function AdminNav() {
  const current = currentNavigation(ITEMS, usePathname() ?? "/admin", new URLSearchParams());
  return (
    <nav aria-label="Administration" className="border-b border-slate-200 pb-2 text-sm">
      <ul className="flex flex-wrap gap-x-5 gap-y-1">
        {ITEMS.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current.get(item.href)}
              className="aria-[current]:font-semibold aria-[current]:text-slate-900 aria-[current]:no-underline"
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
