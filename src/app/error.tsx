"use client";

import { StatusForCurrentPath } from "@/components/status-for-current-path";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert">
      <StatusForCurrentPath status={500} signedIn={false}>
        <button type="button" onClick={reset} className="rounded bg-brand-700 px-3 py-1.5 text-white">
          Try again
        </button>
      </StatusForCurrentPath>
    </div>
  );
}
