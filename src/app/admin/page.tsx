import type { Metadata } from "next";
import Link from "@/components/link";
import { requireAdministrator } from "./_lib/guard";

export const metadata: Metadata = { title: "Administration" };

const SECTIONS = [
  {
    href: "/admin/organizations",
    title: "Organizations",
    text: "The IETF side and the external standards bodies; formal relationships and their liaison managers.",
  },
  {
    href: "/admin/groups",
    title: "Groups",
    text: "Groups of each organization: areas, WGs, SDO groups; concluding a group.",
  },
  { href: "/admin/people", title: "People", text: "People, their e-mail addresses, sign-in, invitations and roles." },
  { href: "/admin/audit", title: "Audit log", text: "Every administrative change: who, when, and what changed." },
];

export default async function AdminPage() {
  await requireAdministrator();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Administration</h1>
      <p className="max-w-3xl text-slate-700">
        The Secretariat keeps the directory current here. Every change is recorded in the audit log; nothing is deleted
        except role assignments, whose details the log keeps.
      </p>
      <ul className="grid gap-4 sm:grid-cols-2">
        {SECTIONS.map((s) => (
          <li key={s.href} className="rounded-lg border border-slate-200 p-4">
            <h2 className="font-semibold">
              <Link href={s.href}>{s.title}</Link>
            </h2>
            <p className="mt-1 text-sm text-slate-600">{s.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
