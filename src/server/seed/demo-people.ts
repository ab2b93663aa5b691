import "server-only";
import type { DemoPerson } from "./demo-types";

/** Shared by every demo account (docs/domain.md "Contracts" (demo data)); never used outside demo data. */
export const DEMO_PASSWORD = "liaison-demo";

/** The nine accounts one can sign in with, in the order the README lists them. */
export const DEMO_ACCOUNT_PEOPLE: readonly DemoPerson[] = [
  { name: "Sandra Ortiz", email: "secretariat@example.org", password: DEMO_PASSWORD, roles: [{ role: "secretariat" }] },
  {
    name: "Colin Baker",
    email: "coordinator@example.org",
    password: DEMO_PASSWORD,
    roles: [{ role: "iab_liaison_coordinator", group: "iab" }],
  },
  {
    name: "Irene Chen",
    email: "ietf-chair@example.org",
    password: DEMO_PASSWORD,
    roles: [{ role: "ietf_chair", group: "ietf" }],
  },
  {
    name: "Ibrahim Adeyemi",
    email: "iab-chair@example.org",
    password: DEMO_PASSWORD,
    roles: [{ role: "iab_chair", group: "iab" }],
  },
  { name: "Ada Lindqvist", email: "ad@example.org", password: DEMO_PASSWORD, roles: [{ role: "ad", group: "wit" }] },
  {
    name: "Quentin Hale",
    email: "chair@example.org",
    // A second, non-primary address: sign-in and role lookups must not assume one address per person.
    otherEmails: ["quentin.hale@example.net"],
    password: DEMO_PASSWORD,
    roles: [{ role: "wg_chair", group: "quic" }],
  },
  {
    // Issue 15 §2: the second QUIC chair, who writes drafts together with Quentin.
    name: "Elena Petrova",
    email: "cochair@example.org",
    otherEmails: ["elena.petrova@example.net"],
    password: DEMO_PASSWORD,
    roles: [{ role: "wg_chair", group: "quic" }],
  },
  {
    name: "Mia Tanaka",
    email: "lm-3gpp@example.org",
    password: DEMO_PASSWORD,
    // On the organization, not a group: she is the LM for every 3GPP group.
    roles: [{ role: "liaison_manager", organization: "3gpp" }],
  },
  {
    name: "Luis Ferreira",
    email: "lm-itu@example.org",
    password: DEMO_PASSWORD,
    roles: [{ role: "liaison_manager", group: "itu-t-sg15" }],
  },
];

/**
 * People without a password (they cannot sign in) who make the directory and approvals realistic.
 * Nobody is LM for itu-t-sg13, etsi or o-ran: mail to those falls back to the coordination address.
 */
export const DEMO_OTHER_PEOPLE: readonly DemoPerson[] = [
  { name: "Tomás Novak", email: "tomas.novak@example.org", roles: [{ role: "ad", group: "wit" }] },
  { name: "Priya Raman", email: "priya.raman@example.org", roles: [{ role: "ad", group: "sec" }] },
  { name: "Henrik Olsen", email: "henrik.olsen@example.org", roles: [{ role: "ad", group: "sec" }] },
  { name: "Grace Mwangi", email: "grace.mwangi@example.org", roles: [{ role: "ad", group: "ops" }] },
  { name: "Jonas Weber", email: "jonas.weber@example.org", roles: [{ role: "ad", group: "rtg" }] },
  { name: "Keiko Sato", email: "keiko.sato@example.org", roles: [{ role: "ad", group: "int" }] },
  { name: "Martin Alvarez", email: "martin.alvarez@example.com", roles: [{ role: "wg_chair", group: "httpbis" }] },
  { name: "Chloe Dubois", email: "chloe.dubois@example.com", roles: [{ role: "wg_chair", group: "masque" }] },
  {
    name: "Samir Haddad",
    email: "samir.haddad@example.net",
    roles: [
      { role: "wg_chair", group: "tls" },
      { role: "wg_chair", group: "emu" },
    ],
  },
  { name: "Oskar Lindgren", email: "oskar.lindgren@example.net", roles: [{ role: "wg_secretary", group: "quic" }] },
  { name: "Ravi Kulkarni", email: "ravi.kulkarni@example.com", roles: [{ role: "wg_chair", group: "opsawg" }] },
  { name: "Yuki Ito", email: "yuki.ito@example.com", roles: [{ role: "wg_chair", group: "detnet" }] },
  { name: "Nadia Rossi", email: "nadia.rossi@example.net", roles: [{ role: "wg_chair", group: "ccamp" }] },
  { name: "Owen Fitzgerald", email: "owen.fitzgerald@example.org", roles: [{ role: "wg_chair", group: "lamps" }] },
  { name: "Bao Nguyen", email: "bao.nguyen@example.org", roles: [{ role: "wg_chair", group: "6man" }] },
  { name: "Derek Brown", email: "derek.brown@example.com", roles: [{ role: "liaison_manager", group: "ieee-802-1" }] },
  {
    name: "Fatima El Amrani",
    email: "fatima.elamrani@example.com",
    roles: [{ role: "liaison_manager", group: "bbf" }],
  },
  {
    name: "Hannah Becker",
    email: "hannah.becker@example.org",
    // The LM alias is the address used in the role; it differs from her primary address.
    roles: [{ role: "liaison_manager", organization: "w3c", email: "w3c-liaison@example.org" }],
  },
];

export const DEMO_PEOPLE: readonly DemoPerson[] = [...DEMO_ACCOUNT_PEOPLE, ...DEMO_OTHER_PEOPLE];
