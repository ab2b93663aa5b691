import { daysLeftText, isOverdue, isoDate } from "@/lib/dates";

/** A calendar date (YYYY-MM-DD, UTC) as a <time> that never breaks across lines. */
export function DateText({ date }: { date: Date | null | undefined }) {
  const text = isoDate(date);
  if (!text) return <>—</>;
  return (
    <time dateTime={text} className="whitespace-nowrap">
      {text}
    </time>
  );
}

/** An instant with its time zone ("2026-11-23 14:05 UTC"), unbreakable, for histories. */
export function DateTimeText({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} className="whitespace-nowrap">
      {`${date.toISOString().slice(0, 16).replace("T", " ")} UTC`}
    </time>
  );
}

/** A deadline, and "overdue" after it while the action is open: the same words in every list. */
export function DeadlineText({ date, isOpen, today }: { date: Date | null; isOpen: boolean; today: Date }) {
  return (
    <>
      <DateText date={date} />
      {isOverdue(date, today, isOpen) ? (
        <span className="ml-1 whitespace-nowrap rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-900">
          overdue
        </span>
      ) : null}
    </>
  );
}

/** Days to a deadline ("3 days overdue" in red, "due today", "5 days left"). */
export function DaysLeft({ days }: { days: number | null }) {
  const text = daysLeftText(days);
  return days !== null && days < 0 ? (
    <span className="whitespace-nowrap font-medium text-red-700">{text}</span>
  ) : (
    <span className="whitespace-nowrap">{text}</span>
  );
}
