import { signOut } from "@/actions/auth";
import Link from "@/components/link";
import type { NavItem } from "@/server/authz/navigation";
import { MainNavigation } from "./main-navigation";

export interface HeaderUser {
  name: string;
  roles: string[];
}

/** Site header: the navigation the person's roles allow, who is signed in and in which roles. */
export function SiteHeader({ nav, user }: { nav: NavItem[]; user: HeaderUser | null }) {
  return (
    <header className="no-print bg-brand-800 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold text-white no-underline hover:text-brand-100">
          Liaison Statements
        </Link>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          {user ? (
            <>
              <Link href="/account" className="text-white no-underline hover:underline">
                <span className="font-medium">{user.name}</span>
                {user.roles.length ? <span className="text-brand-100"> · {user.roles.join("; ")}</span> : null}
              </Link>
              <form action={signOut}>
                <button
                  type="submit"
                  className="rounded border border-white/40 px-2 py-0.5 text-white hover:bg-white/10"
                >
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <Link href="/sign-in" className="text-white">
              Sign in
            </Link>
          )}
        </div>
      </div>
      <MainNavigation items={nav} />
    </header>
  );
}
