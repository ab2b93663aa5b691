import type { Option, OptionGroup } from "./form-controls";

/** Choices for the administration selects, built from the query read models. */

export function organizationOptions(organizations: { id: number; acronym: string; name: string }[]): Option[] {
  return organizations.map((o) => ({ value: String(o.id), label: `${o.name} (${o.acronym})` }));
}

/** Groups under their organization, concluded ones marked. */
export function groupOptionGroups(
  groups: { id: number; acronym: string; name: string; organization: string; state: string }[],
): OptionGroup[] {
  const byOrganization = new Map<string, Option[]>();
  for (const g of groups) {
    const label = `${g.acronym} — ${g.name}${g.state === "concluded" ? " (concluded)" : ""}`;
    byOrganization.set(g.organization, [...(byOrganization.get(g.organization) ?? []), { value: String(g.id), label }]);
  }
  return [...byOrganization.entries()].map(([label, options]) => ({ label, options }));
}
