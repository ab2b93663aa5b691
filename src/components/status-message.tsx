import Link from "@/components/link";
import type { StatusPageContent } from "@/lib/status-pages";

/** The body of an error page (404, 403, 500): a heading, what happened, what to do next. */
export function StatusMessage({ content, children }: { content: StatusPageContent; children?: React.ReactNode }) {
  const { heading, lines, signInHref, suggestion } = content;
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{heading}</h1>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {signInHref ? (
        <p>
          If you have an account, <Link href={signInHref}>sign in</Link> and you will come back to this page.
        </p>
      ) : null}
      {suggestion ? (
        <p>
          {suggestion.text} <Link href={suggestion.href}>{suggestion.label}</Link>.
        </p>
      ) : null}
      {children}
    </div>
  );
}
