import "server-only";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
const DASH = "\\s*(?:[-–—]|to|until)\\s*";

// "18th – 22nd November 2024", "30 December 2024 – 3 January 2025", "30 Dec – 3 Jan 2025"
const DAY_RANGE = new RegExp(
  `\\b${DAY}(?:\\s+${MONTH}(?:\\s+(\\d{4}))?)?${DASH}\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`,
  "i",
);
// "18 November 2024", "18th Nov. 2024"
const DAY_FIRST = new RegExp(`\\b${DAY}\\s+${MONTH},?\\s+(\\d{4})\\b`, "i");
// "November 18–22, 2024", "November 18, 2024"
const MONTH_FIRST = new RegExp(
  `\\b${MONTH}\\s+${DAY}(?:${DASH}(?:${MONTH}\\s+)?\\d{1,2}(?:st|nd|rd|th)?)?,?\\s+(\\d{4})\\b`,
  "i",
);
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;

const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase());

function iso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month, day));
  if (month < 0 || date.getUTCMonth() !== month || date.getUTCDate() !== day || year < 1990 || year > 2200)
    return undefined;
  return date.toISOString().slice(0, 10);
}

type Found = { at: number; value: string };

/**
 * The first calendar date written in a line of a cover sheet, as YYYY-MM-DD: the first day of a range
 * ("18th – 22nd November 2024" → 2024-11-18), day-first or month-first, English month names, or ISO.
 */
export function firstDateIn(line: string): string | undefined {
  const found: Found[] = [];
  const add = (at: number | undefined, value: string | undefined) => {
    if (at !== undefined && value) found.push({ at, value });
  };
  const range = DAY_RANGE.exec(line);
  if (range) {
    const [, day, startMonth, startYear, endMonth, endYear] = range;
    const month = monthIndex(startMonth ?? endMonth ?? "");
    let year = Number(startYear ?? endYear);
    if (startMonth && !startYear && month > monthIndex(endMonth ?? "")) year -= 1; // "30 Dec – 3 Jan 2025"
    add(range.index, iso(year, month, Number(day)));
  }
  const dayFirst = DAY_FIRST.exec(line);
  if (dayFirst) add(dayFirst.index, iso(Number(dayFirst[3]), monthIndex(dayFirst[2] ?? ""), Number(dayFirst[1])));
  const monthFirst = MONTH_FIRST.exec(line);
  if (monthFirst)
    add(monthFirst.index, iso(Number(monthFirst[4]), monthIndex(monthFirst[1] ?? ""), Number(monthFirst[2])));
  const isoDate = ISO.exec(line);
  if (isoDate) add(isoDate.index, iso(Number(isoDate[1]), Number(isoDate[2]) - 1, Number(isoDate[3])));
  found.sort((a, b) => a.at - b.at);
  return found[0]?.value;
}
