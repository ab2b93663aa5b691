export function SiteFooter() {
  return (
    <footer className="no-print border-t border-slate-200 bg-slate-50 text-sm text-slate-600">
      <div className="mx-auto max-w-6xl px-4 py-4 sm:px-6">
        Liaison statements are recorded and published following RFC 4053bis. Questions about a liaison relationship go
        to its liaison manager (see the <a href="/directory">directory</a>).
      </div>
    </footer>
  );
}
