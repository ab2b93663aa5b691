import type { Direction, StatementState } from "@/generated/prisma/enums";

/** One statement the "In response to" picker offers (src/server/statements/related-search.ts finds them). */
export interface RelatedStatementOption {
  id: number;
  title: string;
  /** the posted date, else the day it was created (YYYY-MM-DD, UTC) */
  date: string;
  state: StatementState;
  direction: Direction;
  otherIdentifiers: string[];
}

const STATES: readonly StatementState[] = ["draft", "pending", "approved", "posted", "withdrawn"];

const STATE_WORDS: Partial<Record<StatementState, string>> = {
  draft: "draft",
  pending: "pending approval",
  approved: "approved",
  withdrawn: "withdrawn",
};

/** The second line under a statement's title: date, direction, identifiers, and its state unless posted. */
export function relatedDetail(o: RelatedStatementOption): string {
  const state = STATE_WORDS[o.state];
  return [
    o.date,
    o.direction === "incoming" ? "incoming" : "outgoing",
    ...o.otherIdentifiers,
    ...(state ? [state] : []),
  ].join(" · ");
}

/** Reads back an option the no-JavaScript form carried in a hidden field; null when it is not one. */
export function parseRelatedOption(text: string): RelatedStatementOption | null {
  try {
    const o = JSON.parse(text) as Partial<RelatedStatementOption>;
    if (
      typeof o.id !== "number" ||
      !Number.isInteger(o.id) ||
      typeof o.title !== "string" ||
      typeof o.date !== "string"
    )
      return null;
    return {
      id: o.id,
      title: o.title.slice(0, 255),
      date: o.date.slice(0, 10),
      state: STATES.find((x) => x === o.state) ?? "posted",
      direction: o.direction === "incoming" ? "incoming" : "outgoing",
      otherIdentifiers: Array.isArray(o.otherIdentifiers)
        ? o.otherIdentifiers.filter((x) => typeof x === "string").slice(0, 10)
        : [],
    };
  } catch {
    return null;
  }
}
