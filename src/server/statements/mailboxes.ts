import "server-only";
import { formatMailbox } from "@/lib/mailbox";
import type { Actor } from "@/server/authz/types";
import type { Tx } from "@/server/db/transaction";

/** The acting person's own mailbox (copied on the mail their action sends), or null without an address. */
export const actorMailbox = (actor: Actor) =>
  actor.email ? formatMailbox({ name: actor.name, address: actor.email }) : null;

/** A person's mailbox at their primary (else first) active address, or null. */
export async function personMailbox(tx: Tx, personId: number, name: string): Promise<string | null> {
  const address = await tx.emailAddress.findFirst({
    where: { personId, isActive: true },
    orderBy: [{ isPrimary: "desc" }, { id: "asc" }],
  });
  return address ? formatMailbox({ name, address: address.address }) : null;
}
