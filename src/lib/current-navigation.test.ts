import { describe, expect, it } from "vitest";
import { currentNavigation } from "./current-navigation";

const items = [
  { href: "/statements" },
  { href: "/statements/new?direction=outgoing" },
  { href: "/statements/new?direction=incoming" },
  { href: "/approvals" },
  { href: "/directory" },
  { href: "/admin" },
];

const current = (path: string) => {
  const url = new URL(path, "http://x.invalid");
  return [...currentNavigation(items, url.pathname, url.searchParams)];
};

describe("currentNavigation", () => {
  it.each([
    ["/statements", [["/statements", "page"]]],
    ["/statements?q=quic&page=2", [["/statements", "page"]]],
    ["/statements/12", [["/statements", "true"]]],
    ["/statements/12/edit", [["/statements", "true"]]],
    ["/statements/new?direction=incoming", [["/statements/new?direction=incoming", "page"]]],
    ["/statements/new?direction=outgoing", [["/statements/new?direction=outgoing", "page"]]],
    ["/statements/new", [["/statements", "true"]]],
    ["/directory/ietf", [["/directory", "true"]]],
    ["/admin/people/3", [["/admin", "true"]]],
    ["/approvalsx", []],
    ["/account", []],
    ["/", []],
  ])("%s → %j", (path, expected) => expect(current(path)).toEqual(expected));
});
