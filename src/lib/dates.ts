// Dates as the domain shows them: calendar dates (deadlines, posting days) are UTC YYYY-MM-DD.

export function isoDate(date: Date | null | undefined): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/** Parses YYYY-MM-DD strictly (no rollover of 2026-02-31); null when invalid. */
export function parseIsoDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return isoDate(date) === text.trim() ? date : null;
}

/** Whole days from `from` to `to` (calendar days, UTC). */
export function daysBetween(from: Date, to: Date): number {
  const day = 86_400_000;
  return Math.round(
    (Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()) -
      Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate())) /
      day,
  );
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Days to a deadline as every page writes them: "3 days overdue", "due today", "1 day left", "—". */
export function daysLeftText(days: number | null): string {
  if (days === null) return "—";
  const n = Math.abs(days);
  const unit = n === 1 ? "day" : "days";
  if (days < 0) return `${n} ${unit} overdue`;
  return days === 0 ? "due today" : `${n} ${unit} left`;
}

/** A deadline is overdue from the day after it (UTC), while its action is still open. */
export function isOverdue(deadline: Date | null, today: Date, isOpen: boolean): boolean {
  return isOpen && deadline !== null && daysBetween(today, deadline) < 0;
}
