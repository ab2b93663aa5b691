import { describe, expect, it } from "vitest";
import { acknowledgementRecipients, approvalRequestRecipients, type DistributionFacts, distributionRecipients } from "./recipients";

const COORD = "liaison-coordination@iab.org";
const base: DistributionFacts = {
  direction: "outgoing",
  fromContact: ["Quentin Hale <chair@example.org>", "Ada Lindqvist <ad@example.org>", "quic@ietf.org"],
  toContact: ["3GPP SA2 Chair <sa2-chair@example.org>", "Mia Tanaka <lm-3gpp@example.org>"],
  fromLiaisonContact: "Mia Tanaka <lm-3gpp@example.org>",
  toLiaisonContact: null,
  fromGroupManagers: [],
  toGroupManagers: ["Mia Tanaka <lm-3gpp@example.org>"],
};

describe("distributionRecipients", () => {
  it("outgoing without To-Liaison-Contact: To-Contact, Cc From-Contact + To groups' managers + coordination, de-duplicated", () => {
    expect(distributionRecipients(base, COORD)).toEqual({
      to: ["3GPP SA2 Chair <sa2-chair@example.org>", "Mia Tanaka <lm-3gpp@example.org>"],
      cc: ["Quentin Hale <chair@example.org>", "Ada Lindqvist <ad@example.org>", "quic@ietf.org", COORD],
      replyTo: "Mia Tanaka <lm-3gpp@example.org>",
    });
  });

  it("outgoing with To-Liaison-Contact: sent only there, To-Contact not addressed", () => {
    const r = distributionRecipients({ ...base, toLiaisonContact: "3GPP SA2 <sa2-liaisons@example.org>" }, COORD);
    expect(r.to).toEqual(["3GPP SA2 <sa2-liaisons@example.org>"]);
    expect(r.cc).not.toContain("3GPP SA2 Chair <sa2-chair@example.org>");
    expect(r.cc).toContain("Mia Tanaka <lm-3gpp@example.org>");
    expect(r.cc.at(-1)).toBe(COORD);
  });

  it("outgoing to a group without managers still copies the coordination address once", () => {
    const r = distributionRecipients({ ...base, toGroupManagers: [COORD] }, COORD);
    expect(r.cc.filter((m) => m === COORD)).toHaveLength(1);
  });

  it("never lists an address in both To and Cc, whatever its spelling", () => {
    const r = distributionRecipients({ ...base, fromContact: ["SA2 chair <SA2-CHAIR@example.org>"] }, COORD);
    expect(r.cc.join()).not.toMatch(/sa2-chair/i);
  });

  it("incoming: To-Contact, Cc the From groups' managers and coordination", () => {
    const r = distributionRecipients(
      {
        ...base,
        direction: "incoming",
        fromContact: ["SA chair <sa-chair@example.org>"],
        toContact: ["quic@ietf.org", "Ada Lindqvist <ad@example.org>"],
        fromLiaisonContact: "sa-secretary@example.org",
        toLiaisonContact: "statements@ietf.org",
        fromGroupManagers: ["Mia Tanaka <lm-3gpp@example.org>"],
        toGroupManagers: [],
      },
      COORD,
    );
    expect(r).toEqual({
      to: ["quic@ietf.org", "Ada Lindqvist <ad@example.org>"],
      cc: ["Mia Tanaka <lm-3gpp@example.org>", COORD],
      replyTo: "sa-secretary@example.org",
    });
  });
});

describe("other mails", () => {
  it("acknowledges to From-Liaison-Contact, else From-Contact", () => {
    expect(acknowledgementRecipients({ fromLiaisonContact: "a@example.org", fromContact: ["b@example.org"] }).to).toEqual(["a@example.org"]);
    expect(acknowledgementRecipients({ fromLiaisonContact: null, fromContact: ["b@example.org"] }).to).toEqual(["b@example.org"]);
  });

  it("asks the approvers, copying the coordination address", () => {
    expect(approvalRequestRecipients(["Ada <ad@example.org>", "Bo <ad2@example.org>"], COORD)).toEqual({
      to: ["Ada <ad@example.org>", "Bo <ad2@example.org>"],
      cc: [COORD],
      replyTo: null,
    });
  });
});
