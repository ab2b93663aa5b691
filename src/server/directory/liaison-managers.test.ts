import { describe, expect, it } from "vitest";
import { effectiveLiaisonManagers } from "./liaison-managers";

const own = { name: "Group LM", email: "group-lm@example.org" };
const org = { name: "Org LM", email: "org-lm@example.org" };
const COORD = "liaison-coordination@iab.org";

describe("effectiveLiaisonManagers", () => {
  it.each([
    { group: [own], organization: [org], source: "group", emails: ["group-lm@example.org"] },
    { group: [own], organization: [], source: "group", emails: ["group-lm@example.org"] },
    { group: [], organization: [org], source: "organization", emails: ["org-lm@example.org"] },
    { group: [], organization: [], source: "coordination", emails: [COORD] },
  ])("group=$group.length org=$organization.length → $source", ({ group, organization, source, emails }) => {
    const result = effectiveLiaisonManagers(group, organization, COORD);
    expect(result.source).toBe(source);
    expect(result.managers.map((m) => m.email)).toEqual(emails);
  });
});
