/**
 * Which item of the main navigation the visitor is on, for `aria-current`: the item whose address is the page's
 * ("page"), else the one whose section the page is in ("true"), e.g. Statements on /statements/12. The longest
 * address wins, so /statements/new?direction=incoming is "Record incoming", not "Statements".
 */
export interface NavLink {
  href: string;
}

export type Current = "page" | "true";

export function currentNavigation(
  items: readonly NavLink[],
  pathname: string,
  search: URLSearchParams,
): Map<string, Current> {
  let best: { href: string; exact: boolean; weight: number } | null = null;
  for (const item of items) {
    const url = new URL(item.href, "http://nav.invalid");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const inSection = pathname === path || (path !== "/" && pathname.startsWith(`${path}/`));
    const queryMatches = [...url.searchParams].every(([name, value]) => search.get(name) === value);
    if (!inSection || !queryMatches) continue;
    const weight = path.length * 10 + [...url.searchParams].length;
    if (!best || weight > best.weight) best = { href: item.href, exact: pathname === path, weight };
  }
  return new Map(best ? [[best.href, best.exact ? "page" : "true"]] : []);
}
