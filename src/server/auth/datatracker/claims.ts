import { z } from "zod";

/**
 * What we read from the Datatracker's userinfo endpoint (DATATRACKER.md §5): `email` (scope email), `name`
 * (scope profile, may be absent: empty claims are dropped), `roles` (scope roles). Anything else is ignored.
 */
const isPair = (v: unknown): v is [string, string] =>
  Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "string" && x.length <= 64);

export const datatrackerClaimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().max(320).email().optional(),
  name: z.string().trim().max(255).optional(),
  roles: z
    .array(z.unknown())
    .max(1000)
    .optional()
    // An entry that is not a [slug, acronym] pair of strings gives no role (the rest still count).
    .transform((entries) => (entries ?? []).filter(isPair)),
});

export type DatatrackerClaims = z.infer<typeof datatrackerClaimsSchema>;
