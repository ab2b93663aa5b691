import "server-only";
import { daysBetween, isoDate } from "@/lib/dates";

/** Days a received date may lie from today before posting asks "The date is correct" (issue 6). */
export const RECEIVED_CONFIRM_DAYS = 30;

/**
 * An incoming statement's received date may be in the past; one more than RECEIVED_CONFIRM_DAYS away
 * from today (either way) is probably a typo and needs explicit confirmation. Returns the message, or null.
 */
export function receivedDateProblem(received: Date | null, confirmed: boolean, now = new Date()): string | null {
  if (!received || confirmed) return null;
  if (Math.abs(daysBetween(received, now)) <= RECEIVED_CONFIRM_DAYS) return null;
  return `${isoDate(received)} is more than ${RECEIVED_CONFIRM_DAYS} days away from today. Tick "The date is correct" and post again.`;
}
