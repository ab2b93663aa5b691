import "server-only";
import type { GroupIndex, GroupRef } from "./types";

/** The group itself and every ancestor, nearest first. Cycles are cut. */
export function lineage(index: GroupIndex, groupId: number): GroupRef[] {
  const chain: GroupRef[] = [];
  const seen = new Set<number>();
  let current = index.get(groupId);
  while (current && !seen.has(current.id)) {
    chain.push(current);
    seen.add(current.id);
    current = current.parentId === null ? undefined : index.get(current.parentId);
  }
  return chain;
}

/** True when `groupId` is `ancestorId` or lies below it. */
export function isWithin(index: GroupIndex, groupId: number, ancestorId: number): boolean {
  return lineage(index, groupId).some((g) => g.id === ancestorId);
}

/** The area a WG (or the area itself) belongs to. */
export function areaOf(index: GroupIndex, groupId: number): GroupRef | undefined {
  return lineage(index, groupId).find((g) => g.type === "area");
}

export function allGroups(index: GroupIndex): GroupRef[] {
  return [...index.values()];
}
