import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { clientAddressFrom, installPeerAddressStamp, PEER_ADDRESS_HEADER, stampedPeer } from "./client-address";

describe("TRUST_PROXY", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["false", 0],
    ["FALSE", 0],
    ["0", 0],
    ["true", 1],
    ["True", 1],
    ["1", 1],
    ["2", 2],
    [" 3 ", 3],
  ])("%j trusts %i proxies", (value, hops) => {
    expect(parseEnv({ TRUST_PROXY: value }).trustProxyHops).toBe(hops);
  });

  it.each(["yes", "-1", "1.5", "all", "100", "127.0.0.1"])("%j is refused with a readable message", (value) => {
    expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(
      /TRUST_PROXY: must be false, true .* or the number of reverse proxies/,
    );
  });
});

describe("the client's address", () => {
  // The request came from 198.51.100.9 (the socket's peer). A client may put anything in X-Forwarded-For.
  const cases: [string, { peer: string | null; forwardedFor: string | null }, number, string][] = [
    [
      "no proxy trusted: the peer, whatever X-Forwarded-For says",
      { peer: "198.51.100.9", forwardedFor: "203.0.113.1" },
      0,
      "198.51.100.9",
    ],
    ["no proxy trusted, IPv4-mapped peer", { peer: "::ffff:198.51.100.9", forwardedFor: null }, 0, "198.51.100.9"],
    ["no proxy trusted, IPv6 peer", { peer: "2001:db8::7", forwardedFor: "203.0.113.1" }, 0, "2001:db8::7"],
    ["no proxy trusted, no peer known", { peer: null, forwardedFor: "203.0.113.1" }, 0, "unknown"],
    ["one proxy: the entry it appended", { peer: "10.0.0.2", forwardedFor: "203.0.113.1" }, 1, "203.0.113.1"],
    [
      "one proxy: a forged entry in front is ignored",
      { peer: "10.0.0.2", forwardedFor: "6.6.6.6, 203.0.113.1" },
      1,
      "203.0.113.1",
    ],
    [
      "one proxy, spaces and empty entries",
      { peer: "10.0.0.2", forwardedFor: " 6.6.6.6 ,, 203.0.113.1 " },
      1,
      "203.0.113.1",
    ],
    [
      "two proxies: second from the right",
      { peer: "10.0.0.3", forwardedFor: "6.6.6.6, 203.0.113.1, 10.0.0.2" },
      2,
      "203.0.113.1",
    ],
    ["two proxies but one entry: the leftmost", { peer: "10.0.0.3", forwardedFor: "203.0.113.1" }, 2, "203.0.113.1"],
    ["a proxy trusted but no header: the peer", { peer: "198.51.100.9", forwardedFor: null }, 1, "198.51.100.9"],
    ["a proxy trusted, empty header, no peer", { peer: null, forwardedFor: " , " }, 1, "unknown"],
  ];
  it.each(cases)("%s", (_name, input, hops, expected) => {
    expect(clientAddressFrom(input, hops)).toBe(expected);
  });
});

describe("the peer-address stamp", () => {
  it("overwrites a value the client sent under the header's name with the socket's address", async () => {
    await installPeerAddressStamp();
    const seen: (string | null)[] = [];
    const server = http.createServer((request, response) => {
      seen.push(stampedPeer((name) => request.headers[name] as string | undefined));
      response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [PEER_ADDRESS_HEADER]: "203.0.113.66", "x-forwarded-for": "203.0.113.66" },
      });
      await response.text();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(seen).toEqual(["127.0.0.1"]);
  });
});
