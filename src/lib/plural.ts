/** A count with its noun in agreement: "1 day", "3 days", "0 mails" (never "1 days"). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
