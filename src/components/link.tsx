"use client";

// biome-ignore lint/style/noRestrictedImports: the one place next/link is used; every other file imports this one.
import NextLink from "next/link";
import { type ComponentProps, useState } from "react";

/**
 * The app's link: next/link, prefetching when the reader shows intent — the pointer over it, keyboard focus, a touch
 * — instead of as soon as it scrolls into view (ADR 043). Next.js's default prefetched every link on the screen:
 * a signed-in page view sent 12–19 prefetch requests (the main navigation, its own statements' rows …), each
 * rendering the layout with the session lookup, and more than doubled the server's CPU per page view (≈ 90 →
 * 190–250 ms). A link reached for is still prefetched before the click lands; `prefetch={false}` still turns it off.
 * Anonymous public pages carry no scripts (ADR 008), so there it is a plain anchor either way.
 */
export default function Link({
  prefetch,
  onMouseEnter,
  onFocus,
  onTouchStart,
  ...props
}: ComponentProps<typeof NextLink>) {
  const [intent, setIntent] = useState(false);
  return (
    <NextLink
      {...props}
      // null: Next.js's own default (the same as "auto"), from the moment the reader reaches for the link.
      prefetch={prefetch === false || !intent ? false : (prefetch ?? null)}
      onMouseEnter={(event) => {
        setIntent(true);
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        setIntent(true);
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        setIntent(true);
        onTouchStart?.(event);
      }}
    />
  );
}
