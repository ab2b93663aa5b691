import "server-only";
import { DEMO_ACCOUNT_PEOPLE, DEMO_PASSWORD } from "./demo-people";
import type { DemoOrganization } from "./demo-types";

/**
 * The demo data set: pure data, no I/O. Loaded by seed-demo.ts on first start (docs/domain.md "Contracts") and
 * by `npm run db:seed`; the integration tests and the README use DEMO_ACCOUNTS.
 */
export { DEMO_EXTERNAL_GROUPS, DEMO_GROUPS, DEMO_INTERNAL_GROUPS } from "./demo-groups";
export { DEMO_PASSWORD, DEMO_PEOPLE } from "./demo-people";
export { DEMO_STATEMENTS } from "./statements";

export interface DemoAccount {
  email: string;
  name: string;
  password: string;
  /** how the README and the sign-in page describe the account */
  roleLabel: string;
}

const ROLE_LABELS: Record<string, string> = {
  "secretariat@example.org": "Secretariat",
  "coordinator@example.org": "IAB liaison coordinator",
  "ietf-chair@example.org": "IETF Chair",
  "iab-chair@example.org": "IAB Chair",
  "ad@example.org": "AD of the Web and Internet Transport area (wit)",
  "chair@example.org": "Chair of the QUIC WG (quic)",
  "cochair@example.org": "Second chair of the QUIC WG (quic)",
  "lm-3gpp@example.org": "Liaison manager for 3GPP (organization 3gpp)",
  "lm-itu@example.org": "Liaison manager for ITU-T SG15 (itu-t-sg15)",
};

export const DEMO_ACCOUNTS: readonly DemoAccount[] = DEMO_ACCOUNT_PEOPLE.map((person) => ({
  email: person.email,
  name: person.name,
  password: DEMO_PASSWORD,
  roleLabel: ROLE_LABELS[person.email] ?? person.roles.map((r) => r.role).join(", "),
}));

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  // The internal side: IETF, IESG, IAB, areas, WGs and IRTF research groups all belong here.
  {
    acronym: "ietf",
    name: "Internet Engineering Task Force",
    url: "https://www.ietf.org",
    side: "ietf",
    hasFormalRelationship: false,
  },
  {
    acronym: "3gpp",
    name: "3rd Generation Partnership Project",
    url: "https://www.3gpp.org",
    side: "external",
    hasFormalRelationship: true,
  },
  {
    acronym: "itu-t",
    name: "ITU Telecommunication Standardization Sector",
    url: "https://www.itu.int/ITU-T",
    side: "external",
    hasFormalRelationship: true,
  },
  {
    acronym: "ieee",
    name: "IEEE Standards Association",
    url: "https://standards.ieee.org",
    side: "external",
    hasFormalRelationship: true,
  },
  {
    acronym: "bbf",
    name: "Broadband Forum",
    url: "https://www.broadband-forum.org",
    side: "external",
    hasFormalRelationship: true,
  },
  {
    acronym: "etsi",
    name: "European Telecommunications Standards Institute",
    url: "https://www.etsi.org",
    side: "external",
    hasFormalRelationship: true,
  },
  {
    acronym: "w3c",
    name: "World Wide Web Consortium",
    url: "https://www.w3.org",
    side: "external",
    hasFormalRelationship: true,
  },
  {
    acronym: "iso-iec-jtc1",
    name: "ISO/IEC Joint Technical Committee 1",
    url: "https://jtc1info.org",
    side: "external",
    hasFormalRelationship: true,
  },
  // Statements can be exchanged without a formal relationship (docs/domain.md); O-RAN shows that case.
  {
    acronym: "o-ran",
    name: "O-RAN ALLIANCE",
    url: "https://www.o-ran.org",
    side: "external",
    hasFormalRelationship: false,
  },
];
