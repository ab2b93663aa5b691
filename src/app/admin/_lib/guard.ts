import "server-only";
import { forbidden, notFound } from "next/navigation";
import { currentActor } from "@/server/auth/actor";
import { mayAdminister } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";

/** Every /admin page: the Secretariat only; anyone else (signed in or not) gets 403. */
export async function requireAdministrator(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor || !mayAdminister(actor)) forbidden();
  return actor;
}

/** The numeric id of a dynamic segment, or 404. */
export async function idParam(params: Promise<{ id: string }>): Promise<number> {
  const { id } = await params;
  const value = Number(id);
  if (!/^\d{1,9}$/.test(id) || value <= 0) notFound();
  return value;
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One query parameter as a string ("" when absent or repeated). */
export function queryParam(params: Record<string, string | string[] | undefined>, name: string): string {
  const value = params[name];
  return typeof value === "string" ? value : "";
}

export function pageParam(params: Record<string, string | string[] | undefined>): number {
  const page = Number(queryParam(params, "page"));
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}
