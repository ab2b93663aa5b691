import { DateText } from "@/components/date-text";
import { GroupNames } from "@/components/group-names";
import { PURPOSE_LABELS } from "@/lib/labels";
import type { ArchiveListItem } from "@/server/archive/search";

const FEED_PATH = "/feeds/statements.atom";

/**
 * The home page as a signed-out visitor sees it (also what the anonymous public page layer serves,
 * script-free: ADR 008): what the tool is, a search box, the latest posted statements, and where to go
 * next. Links and a GET form only, so it works without JavaScript.
 */
export function PublicHome({ latest }: { latest: ArchiveListItem[] }) {
  return (
    <div className="space-y-8">
      <header className="max-w-3xl space-y-3">
        <h1 className="text-3xl font-semibold tracking-tight">IETF and IAB liaison statements</h1>
        <p className="text-lg text-slate-700">
          A liaison statement is a formal, recorded message between the IETF or the IAB and another standards body —
          3GPP, ITU-T, IEEE, BBF and others. This tool is the official record: every statement, incoming or outgoing, is
          entered here, approved where the process requires it, distributed by mail, and published.
        </p>
      </header>

      <search aria-label="Search statements" className="max-w-3xl">
        <form method="get" action="/statements" className="space-y-1">
          <label htmlFor="home-q" className="block font-medium text-slate-800">
            Search the statements
          </label>
          <div className="flex gap-2">
            <input
              id="home-q"
              type="search"
              name="q"
              maxLength={200}
              aria-describedby="home-q-hint"
              className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600"
            />
            <button
              type="submit"
              className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
            >
              Search
            </button>
          </div>
          <p id="home-q-hint" className="text-sm text-slate-600">
            Titles, other identifiers (e.g. S2-2405678 or 2405678), draft names, contacts and text.
          </p>
        </form>
      </search>

      <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section aria-labelledby="latest" className="space-y-3">
          <h2 id="latest" className="text-xl font-semibold">
            Latest statements
          </h2>
          {latest.length === 0 ? (
            <p className="text-slate-700">No statement has been posted yet.</p>
          ) : (
            <ul className="divide-y divide-slate-200 border-y border-slate-200">
              {latest.map((s) => (
                <li key={s.id} className="py-3">
                  <a href={`/statements/${s.id}`} className="font-medium">
                    {s.title}
                  </a>
                  {s.state === "withdrawn" ? (
                    <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-800">withdrawn</span>
                  ) : null}
                  <p className="mt-1 text-sm text-slate-600">
                    <DateText date={s.postedAt} /> · {s.direction === "incoming" ? "Incoming" : "Outgoing"} ·{" "}
                    {PURPOSE_LABELS[s.purpose]} · From <GroupNames groups={s.from} /> to <GroupNames groups={s.to} />
                  </p>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/statements">All statements</a>
          </p>
        </section>

        <div className="space-y-8">
          <nav aria-labelledby="browse" className="space-y-2">
            <h2 id="browse" className="text-xl font-semibold">
              Browse
            </h2>
            <ul className="space-y-2">
              <li>
                <a href="/directory">Directory</a>
                <span className="block text-sm text-slate-600">
                  Organizations and groups we exchange statements with, and their liaison managers.
                </span>
              </li>
              <li>
                <a href={FEED_PATH}>Atom feed of all statements</a>
                <span className="block text-sm text-slate-600">
                  Each organization’s page in the directory has feeds of the statements from and to it.
                </span>
              </li>
              <li>
                <a href="/api/v1/openapi.json">JSON API</a>
                <span className="block text-sm text-slate-600">Read-only, public statements only.</span>
              </li>
            </ul>
          </nav>

          <section aria-labelledby="how" className="space-y-2 text-slate-700">
            <h2 id="how" className="text-xl font-semibold text-slate-900">
              How it works
            </h2>
            <ol className="list-decimal space-y-1 pl-6">
              <li>WG chairs and ADs enter outgoing statements; the responsible AD or chair approves them.</li>
              <li>Liaison managers record statements received from other bodies.</li>
              <li>Posted statements are mailed to the recipients, copied to the liaison managers, and published.</li>
            </ol>
          </section>
        </div>
      </div>
    </div>
  );
}
