import "server-only";
import { demoGroup, demoPerson } from "../demo-directory";

/** Contact helpers for the demo statements, so every mailbox matches the directory. */

/** `Name <address>` of a demo person (their primary address). */
export function mailbox(email: string): string {
  return `${demoPerson(email).name} <${email}>`;
}

/** The group's list address, e.g. quic@ietf.org. */
export function list(acronym: string): string {
  const address = demoGroup(acronym).listAddress;
  if (!address) throw new Error(`Demo data: ${acronym} has no list address`);
  return address;
}

/** The group's default contacts (the chairs and secretaries of an external group). */
export function contactsOf(...acronyms: string[]): string[] {
  return acronyms.flatMap((acronym) => demoGroup(acronym).defaultContacts ?? []);
}

/** Replies to 3GPP go to the 3GPP liaison desk only (To-Liaison-Contact), as 3GPP asks. */
export const THREE_GPP_LIAISON_DESK = "3GPP Liaisons <3gpp-liaisons@example.net>";
export const ITU_T_TSB = "ITU-T TSB Liaisons <tsb-liaisons@example.net>";
export const IAB_LIAISON_COORDINATION = "IAB Liaison Coordination <liaison-coordination@iab.org>";
