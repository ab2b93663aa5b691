/**
 * Time spans on one clock for every thread of the bench process, and the sorting of a page loop's requests into the
 * windows of a run (`npm run bench:uploads`): idle windows and the uploads between them.
 */

/** A span of time, in milliseconds of `epochMs`'s clock: a page request, an idle window, an upload. */
export type Span = { start: number; end: number };

/** A clock every thread of this process reads alike (each worker's performance.now() has its own origin). */
export const epochMs = () => performance.timeOrigin + performance.now();

/**
 * The requests' durations sorted into the windows: "busy" = every request that overlapped an upload at all (also
 * one that began before it); "idle" = the requests wholly inside an idle window. A request that straddles the edge of
 * an idle window and touches no upload counts for neither.
 */
export function classify(requests: Span[], idleWindows: Span[], uploads: Span[]) {
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  const inside = (a: Span, b: Span) => a.start >= b.start && a.end <= b.end;
  const duration = (s: Span) => s.end - s.start;
  return {
    busy: requests.filter((s) => uploads.some((u) => overlaps(s, u))).map(duration),
    idle: requests
      .filter((s) => idleWindows.some((w) => inside(s, w)) && !uploads.some((u) => overlaps(s, u)))
      .map(duration),
  };
}
