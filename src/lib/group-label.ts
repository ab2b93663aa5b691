/**
 * How lists name a group. IETF-side groups by acronym (quic, iesg: what IETF readers write); external
 * groups by their own name without its parenthesised gloss ("3GPP TSG SA WG2"), because their acronyms
 * (3gpp-tsgsa-sa2) are our slugs, which their own people never use.
 */
export function groupLabel(group: { acronym: string; name: string; type: string }): string {
  if (group.type !== "sdo") return group.acronym;
  const short = group.name.replace(/\s*\([^()]*\)\s*$/, "").trim();
  return short || group.name;
}
