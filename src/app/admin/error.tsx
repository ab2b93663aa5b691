"use client";

import { StatusForCurrentPath } from "@/components/status-for-current-path";

/**
 * A failure inside administration keeps the admin navigation (the root error.tsx would replace it). The words
 * are the status pages' (src/lib/status-pages.ts: "The administration page could not be loaded").
 */
export default function AdminError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert">
      <StatusForCurrentPath status={500} signedIn>
        <button type="button" onClick={reset} className="rounded bg-brand-700 px-3 py-1.5 text-white">
          Try again
        </button>
      </StatusForCurrentPath>
    </div>
  );
}
