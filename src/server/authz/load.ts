import "server-only";
import { cache } from "react";
import { cachedPublic } from "@/server/cache";
import { prisma } from "@/server/db";
import type { GroupIndex, GroupRef } from "./types";

/** Every group with the facts permissions need, once per request. */
export const loadGroupIndex = cache(() => cachedPublic("group-index", 60_000, readGroupIndex));

async function readGroupIndex(): Promise<GroupIndex> {
  const db = await prisma();
  const groups = await db.group.findMany({ include: { organization: { select: { side: true, name: true } } } });
  return new Map(
    groups.map((g): [number, GroupRef] => [
      g.id,
      {
        id: g.id,
        acronym: g.acronym,
        name: g.name,
        type: g.type,
        organizationId: g.organizationId,
        parentId: g.parentId,
        isExternal: g.organization.side === "external",
        isActive: g.state === "active",
        organizationName: g.organization.name,
      },
    ]),
  );
}
