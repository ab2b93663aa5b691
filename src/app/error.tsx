"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p>The page could not be loaded. Nothing you entered was lost on the server.</p>
      <button type="button" onClick={reset} className="rounded bg-brand-700 px-3 py-1.5 text-white">
        Try again
      </button>
    </div>
  );
}
