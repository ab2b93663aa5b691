/**
 * What an error page says (404, 403, 500): one heading, what happened, and what the visitor can do — the
 * same words whether the page is the server-rendered status page (src/app/error-page) or the boundary
 * Next.js renders in the browser (not-found.tsx, forbidden.tsx, error.tsx). Pure, so it is tested alone.
 */

export type PageStatus = 404 | 403 | 500;

export const PAGE_STATUSES: readonly PageStatus[] = [404, 403, 500];

export function pageStatus(value: string | number | undefined): PageStatus | null {
  const n = Number(value);
  return (PAGE_STATUSES as readonly number[]).includes(n) ? (n as PageStatus) : null;
}

export interface StatusPageFacts {
  status: PageStatus;
  /** the path (and query) the visitor asked for, as it came */
  path: string;
  signedIn: boolean;
  /** for /directory/<acronym>: the group of that acronym, when there is one (people mix groups and bodies up) */
  group?: { name: string; organization: { acronym: string; name: string } } | null;
}

export interface StatusPageContent {
  /** the document title (the layout adds " · Liaison Statements") */
  title: string;
  heading: string;
  /** plain sentences, each its own paragraph */
  lines: string[];
  /** where "sign in" leads (back to this path afterwards), when signing in could help */
  signInHref?: string;
  /** another page that likely is what the visitor wanted */
  suggestion?: { text: string; href: string; label: string };
}

const MAX_SHOWN = 80;

/** A path only as text: decoded when it can be, cut when it is long. Never markup (React escapes it). */
function shown(segment: string): string {
  let text = segment;
  try {
    text = decodeURIComponent(segment);
  } catch {
    // shown as it came
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not shown
  text = text.replace(/[\u0000-\u001f\u007f]/g, "");
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** The heading of a 500: which page failed, for the route segments that load data. */
function failedPage(pathname: string): string {
  const statement = /^\/statements\/(\d{1,12})(?:\/|$)/.exec(pathname);
  if (statement) return `Statement ${statement[1]} could not be loaded`;
  const segments: [RegExp, string][] = [
    [/^\/statements\/mine(?:\/|$)/, "Your statements could not be loaded"],
    [/^\/desk(?:\/|$|\.)/, "The liaison desk could not be loaded"],
    [/^\/directory(?:\/|$)/, "The directory could not be loaded"],
    [/^\/admin(?:\/|$)/, "The administration page could not be loaded"],
  ];
  return segments.find(([pattern]) => pattern.test(pathname))?.[1] ?? "Something went wrong";
}

/** Only a same-site path may follow a sign-in (the sign-in page checks again). */
export function signInHref(path: string): string {
  const safe = path.startsWith("/") && !path.startsWith("//") && !/[\\\s]/.test(path) ? path : "/";
  return `/sign-in?callbackUrl=${encodeURIComponent(safe)}`;
}

const groupLabel = (name: string, acronym: string) =>
  name.toUpperCase() === acronym.toUpperCase() ? name : `${name} (${acronym.toUpperCase()})`;

const orgLabel = (org: { acronym: string; name: string }) => `${org.name} (${org.acronym.toUpperCase()})`;

export function statusPageContent({ status, path, signedIn, group }: StatusPageFacts): StatusPageContent {
  const pathname = path.split(/[?#]/, 1)[0] ?? "/";
  if (status === 403) {
    return signedIn
      ? {
          title: "Not allowed",
          heading: "Not allowed",
          lines: [
            "Your account does not have a role that allows this. If you think it should, ask the IETF Secretariat.",
          ],
        }
      : {
          title: "Not allowed",
          heading: "Not allowed",
          lines: ["This page is for signed-in people with a role that allows it."],
          signInHref: signInHref(path),
        };
  }
  if (status === 500) {
    return {
      title: "Something went wrong",
      heading: failedPage(pathname),
      lines: [
        "The page could not be loaded. Nothing you entered was lost on the server.",
        "Try again in a moment. If it keeps happening, tell the IETF Secretariat the address of this page.",
      ],
    };
  }
  const statement = /^\/statements\/(\d{1,12})(?:\/|$)/.exec(pathname);
  if (statement) {
    const id = statement[1];
    return signedIn
      ? {
          title: "Not found",
          heading: `No statement ${id} you may see`,
          lines: [`There is no statement ${id}, or it is a draft or pending statement of groups you have no role in.`],
          suggestion: { text: "Find statements in", href: "/statements", label: "the archive" },
        }
      : {
          title: "Not found",
          heading: `No public statement ${id}`,
          lines: [`Statement ${id} has not been posted. If it is a draft or pending, sign in to see it.`],
          signInHref: signInHref(path),
          suggestion: { text: "Find posted statements in", href: "/statements", label: "the archive" },
        };
  }
  const directory = /^\/directory\/([^/]+)\/?$/.exec(pathname);
  if (directory) {
    const acronym = shown(directory[1] ?? "");
    return {
      title: "Not found",
      heading: `No organization “${acronym}” in the directory`,
      lines: group
        ? [
            `${groupLabel(group.name, acronym)} is a group; the directory lists it under ${orgLabel(group.organization)}.`,
          ]
        : ["The directory lists every standards body the IETF and IAB exchange liaison statements with."],
      suggestion: group
        ? {
            text: "See",
            href: `/directory/${encodeURIComponent(group.organization.acronym)}`,
            label: `${orgLabel(group.organization)} in the directory`,
          }
        : { text: "See", href: "/directory", label: "the directory" },
    };
  }
  return {
    title: "Not found",
    heading: "Page not found",
    lines: [`There is no page at this address (${shown(pathname)}).`],
    suggestion: { text: "Go to", href: "/", label: "the home page" },
  };
}
