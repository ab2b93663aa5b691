import Link from "next/link";

const ITEMS = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/organizations", label: "Organizations" },
  { href: "/admin/groups", label: "Groups" },
  { href: "/admin/people", label: "People" },
  { href: "/admin/audit", label: "Audit log" },
];

export function AdminNav() {
  return (
    <nav aria-label="Administration" className="border-b border-slate-200 pb-2 text-sm">
      <ul className="flex flex-wrap gap-x-5 gap-y-1">
        {ITEMS.map((item) => (
          <li key={item.href}>
            <Link href={item.href}>{item.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
