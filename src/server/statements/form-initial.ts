import "server-only";
import { isoDate } from "@/lib/dates";
import { roleKey } from "@/server/authz/policy";
import type { StatementFormContext } from "./form-context";
import { fromGroups, type StatementRow, toGroups } from "./repository";

/** The statement form's starting values (a new draft, an edit, a reply). */
export interface StatementFormInitial {
  id?: number;
  version?: number;
  from: number[];
  to: number[];
  fromContact: string;
  fromLiaisonContact: string;
  toContact: string;
  toLiaisonContact: string;
  title: string;
  purpose: string;
  deadline: string;
  body: string;
  otherIdentifiers: string;
  consensus: string;
  respondsTo: number[];
  receivedOn: string;
  sendAcknowledgement: boolean;
  /** the roleKey of the role the submitter acts in (issue 15, section 5) */
  actingAs?: string;
}

const contactsFor = (context: StatementFormContext, side: "from" | "to", ids: number[]) => [
  ...new Set(context[side].filter((g) => ids.includes(g.id)).flatMap((g) => g.contacts)),
];

export function emptyInitial(): StatementFormInitial {
  return {
    from: [],
    to: [],
    fromContact: "",
    fromLiaisonContact: "",
    toContact: "",
    toLiaisonContact: "",
    title: "",
    purpose: "",
    deadline: "",
    body: "",
    otherIdentifiers: "",
    consensus: "",
    respondsTo: [],
    receivedOn: "",
    sendAcknowledgement: true,
  };
}

/** The form filled with a saved statement (edit). */
export function initialFromRow(row: StatementRow): StatementFormInitial {
  return {
    id: row.id,
    version: row.version,
    from: fromGroups(row).map((g) => g.id),
    to: toGroups(row).map((g) => g.id),
    fromContact: row.fromContact.join("\n"),
    fromLiaisonContact: row.fromLiaisonContact ?? "",
    toContact: row.toContact.join("\n"),
    toLiaisonContact: row.toLiaisonContact ?? "",
    title: row.title,
    purpose: row.purpose === "comment" || row.purpose === null ? "" : row.purpose,
    deadline: isoDate(row.deadline) ?? "",
    body: row.body,
    // a one-line input: a newline would be dropped by the browser and glue the identifiers together
    otherIdentifiers: row.otherIdentifiers.join(", "),
    consensus: row.consensus ?? "",
    respondsTo: row.relationsFrom.filter((r) => r.relationship === "responds_to").map((r) => r.targetId),
    receivedOn: isoDate(row.receivedOn) ?? "",
    sendAcknowledgement: row.sendAcknowledgement,
    actingAs: row.submitterRole
      ? roleKey({
          role: row.submitterRole,
          groupId: row.submitterRoleGroupId,
          organizationId: row.submitterRoleOrganizationId,
        })
      : undefined,
  };
}

/**
 * Reply (docs/domain.md): the opposite direction with groups swapped, To-Liaison-Contact = the original's
 * From-Liaison-Contact, To-Contact = the original's From-Contact, purpose In response, relation set.
 */
export function initialForReply(original: StatementRow, context: StatementFormContext): StatementFormInitial {
  const from = toGroups(original)
    .map((g) => g.id)
    .filter((id) => context.from.some((c) => c.id === id));
  const to = fromGroups(original)
    .map((g) => g.id)
    .filter((id) => context.to.some((c) => c.id === id));
  return {
    ...emptyInitial(),
    from,
    to,
    fromContact: contactsFor(context, "from", from).join("\n"),
    fromLiaisonContact: original.toLiaisonContact ?? "",
    toContact: original.fromContact.join("\n"),
    toLiaisonContact: original.fromLiaisonContact ?? "",
    title: `Reply to "${original.title}"`.slice(0, 255),
    purpose: "response",
    respondsTo: [original.id],
    otherIdentifiers: "",
  };
}
