import { groupLabel } from "@/lib/group-label";

export interface NamedGroup {
  acronym: string;
  name: string;
  type: string;
}

/**
 * A list cell's groups, separated by commas: IETF groups by acronym, external ones by name (lib/group-label);
 * the full name is the tooltip where the label is shorter.
 */
export function GroupNames({ groups }: { groups: readonly NamedGroup[] }) {
  if (groups.length === 0) return <>—</>;
  return groups.map((g, i) => {
    const label = groupLabel(g);
    return (
      <span key={g.acronym}>
        {i > 0 ? ", " : null}
        {label === g.name ? label : <span title={g.name}>{label}</span>}
      </span>
    );
  });
}
