import { describe, expect, it } from "vitest";
import {
  acknowledgementRecipients,
  actionClosedRecipients,
  approvalRequestRecipients,
  assignmentRecipients,
  type DistributionFacts,
  distributionRecipients,
  peerContacts,
  withoutManagers,
} from "./recipients";

const COORD = "liaison-coordination@iab.org";
const base: DistributionFacts = {
  direction: "outgoing",
  fromContact: ["Quentin Hale <chair@example.org>", "Ada Lindqvist <ad@example.org>", "quic@ietf.org"],
  toContact: ["3GPP SA2 Chair <sa2-chair@example.org>"],
  fromLiaisonContact: "Mia Tanaka <lm-3gpp@example.org>",
  toLiaisonContact: null,
  fromGroupManagers: [],
  toGroupManagers: ["Mia Tanaka <lm-3gpp@example.org>"],
};

describe("distributionRecipients", () => {
  it("outgoing without To-Liaison-Contact: To-Contact, Cc From-Contact + To groups' managers + coordination, de-duplicated", () => {
    expect(distributionRecipients(base, COORD)).toEqual({
      to: ["3GPP SA2 Chair <sa2-chair@example.org>"],
      cc: [
        "Quentin Hale <chair@example.org>",
        "Ada Lindqvist <ad@example.org>",
        "quic@ietf.org",
        "Mia Tanaka <lm-3gpp@example.org>",
        COORD,
      ],
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

describe("the liaison manager is copied, never put in To (issue 15, section 1)", () => {
  it("an LM typed into To-Contact by hand is moved to Cc", () => {
    const r = distributionRecipients(
      { ...base, toContact: [...base.toContact, "mia tanaka <LM-3GPP@example.org>"] },
      COORD,
    );
    expect(r.to).toEqual(["3GPP SA2 Chair <sa2-chair@example.org>"]);
    expect(r.cc).toContain("Mia Tanaka <lm-3gpp@example.org>");
  });

  it("an LM typed as To-Liaison-Contact next to nobody else stays in To (the only To recipient)", () => {
    const r = distributionRecipients({ ...base, toLiaisonContact: "Mia Tanaka <lm-3gpp@example.org>" }, COORD);
    expect(r.to).toEqual(["Mia Tanaka <lm-3gpp@example.org>"]);
    expect(r.cc.join()).not.toContain("lm-3gpp");
  });

  it("an LM who is the only To-Contact stays in To", () => {
    const r = distributionRecipients({ ...base, toContact: ["Mia Tanaka <lm-3gpp@example.org>"] }, COORD);
    expect(r.to).toEqual(["Mia Tanaka <lm-3gpp@example.org>"]);
    expect(r.cc.join()).not.toContain("lm-3gpp");
  });

  it("incoming: the From groups' LM typed into To-Contact lands in Cc", () => {
    const r = distributionRecipients(
      {
        ...base,
        direction: "incoming",
        toContact: ["quic@ietf.org", "Mia Tanaka <lm-3gpp@example.org>"],
        fromGroupManagers: ["Mia Tanaka <lm-3gpp@example.org>"],
        toGroupManagers: [],
      },
      COORD,
    );
    expect(r.to).toEqual(["quic@ietf.org"]);
    expect(r.cc).toEqual(["Mia Tanaka <lm-3gpp@example.org>", COORD]);
  });

  it("the acknowledgement of an incoming statement goes to the sender, not to our LM in From-Contact", () => {
    const r = acknowledgementRecipients(
      {
        fromLiaisonContact: null,
        fromContact: ["SA2 Secretary <sa2-secretary@example.org>", "Mia Tanaka <lm-3gpp@example.org>"],
      },
      ["Mia Tanaka <lm-3gpp@example.org>"],
    );
    expect(r.to).toEqual(["SA2 Secretary <sa2-secretary@example.org>"]);
  });

  it("withoutManagers keeps the list when the managers are all there is", () => {
    expect(withoutManagers(["lm@example.org"], ["LM <lm@example.org>"])).toEqual(["lm@example.org"]);
    expect(withoutManagers(["a@example.org", "LM <LM@example.org>"], ["lm@example.org"])).toEqual(["a@example.org"]);
  });
});

describe("peerContacts (the published record)", () => {
  it("never shows our LM as a contact of the peer body", () => {
    expect(
      peerContacts(
        ["SA2 Chair <sa2-chair@example.org>", "Mia Tanaka <lm-3gpp@example.org>"],
        ["Mia Tanaka <lm-3gpp@example.org>"],
      ),
    ).toEqual({
      contacts: ["SA2 Chair <sa2-chair@example.org>"],
      managers: ["Mia Tanaka <lm-3gpp@example.org>"],
    });
  });
});

describe("other mails", () => {
  it("acknowledges to From-Liaison-Contact, else From-Contact", () => {
    expect(
      acknowledgementRecipients({ fromLiaisonContact: "a@example.org", fromContact: ["b@example.org"] }).to,
    ).toEqual(["a@example.org"]);
    expect(acknowledgementRecipients({ fromLiaisonContact: null, fromContact: ["b@example.org"] }).to).toEqual([
      "b@example.org",
    ]);
  });

  it("asks the approvers, copying the coordination address", () => {
    expect(approvalRequestRecipients(["Ada <ad@example.org>", "Bo <ad2@example.org>"], COORD)).toEqual({
      to: ["Ada <ad@example.org>", "Bo <ad2@example.org>"],
      cc: [COORD],
      replyTo: null,
    });
  });

  it("copies the approval request to the To groups' liaison managers (4053bis §1), then the coordination address", () => {
    expect(
      approvalRequestRecipients(["Ada <ad@example.org>"], COORD, ["Mia Tanaka <lm-3gpp@example.org>", COORD]),
    ).toEqual({
      to: ["Ada <ad@example.org>"],
      cc: ["Mia Tanaka <lm-3gpp@example.org>", COORD],
      replyTo: null,
    });
  });
});

describe("action-tracking mail recipients", () => {
  it("action closed without a reply: each peer liaison manager once, replies to whoever closed it", () => {
    expect(
      actionClosedRecipients(
        [["Mia <lm@3gpp.example>", "Li <lm2@3gpp.example>"], ["Mia <lm@3gpp.example>"]],
        "Ada <ad@example.org>",
      ),
    ).toEqual({ to: ["Mia <lm@3gpp.example>", "Li <lm2@3gpp.example>"], cc: [], replyTo: "Ada <ad@example.org>" });
  });

  it("assignment: the new assignee, the previous one in copy; the previous one alone when the new one has no address", () => {
    expect(assignmentRecipients("New <new@example.org>", "Old <old@example.org>", null)).toEqual({
      to: ["New <new@example.org>"],
      cc: ["Old <old@example.org>"],
      replyTo: null,
    });
    expect(assignmentRecipients(null, "Old <old@example.org>", "Ada <ad@example.org>")).toEqual({
      to: ["Old <old@example.org>"],
      cc: [],
      replyTo: "Ada <ad@example.org>",
    });
    expect(assignmentRecipients("New <new@example.org>", null, null)).toMatchObject({
      to: ["New <new@example.org>"],
      cc: [],
    });
  });
});
