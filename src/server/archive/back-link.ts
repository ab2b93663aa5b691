import "server-only";
import { archiveQueryString, parseArchiveQueryLenient } from "./filters";

/**
 * "Back to results" on a statement page, without JavaScript or a session: the archive's links carry the
 * list they come from in `?back=` (the public pages are script-free, ADR 008). The value is never used as
 * given: only a /statements list URL of this site is accepted, and its link is rebuilt from the parsed
 * filters, so `back` can point nowhere else (no open redirect, no markup).
 */

const MAX_BACK_LENGTH = 2_000;
const BASE = "http://back-link.invalid";

/** The list URL to go back to, or null when `back` is absent or not a /statements list URL. */
export function archiveBackHref(back: string | string[] | undefined): string | null {
  const raw = Array.isArray(back) ? back[0] : back;
  if (!raw || raw.length > MAX_BACK_LENGTH || !/^\/statements(\?|$)/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || url.pathname !== "/statements") return null;
  return `/statements${archiveQueryString(parseArchiveQueryLenient(url.searchParams).filters)}`;
}
