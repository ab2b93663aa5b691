/**
 * Who is the client? The sign-in rate limit keys failures per client address, so the address must be one a
 * client cannot choose. X-Forwarded-For is written by whoever sends the request: only the entries appended by
 * reverse proxies we run (TRUST_PROXY of them) can be believed.
 *
 * Next 16 (`next start`) gives route handlers, server actions and the proxy no access to the socket: it only
 * fills in X-Forwarded-For with the socket's address when the request has none, and keeps a client's own
 * header as it is. So the HTTP server stamps the peer address on every request itself, overwriting anything a
 * client sent under that name (installPeerAddressStamp, called from src/instrumentation.ts before the first
 * request). Where the stamp is not installed (tests), there is no socket address to trust.
 */
import type { IncomingMessage } from "node:http";

/** The header the server stamps with the TCP peer's address (never taken from the client). */
export const PEER_ADDRESS_HEADER = "x-liaison-peer-address";

const stamp = globalThis as unknown as { __liaisonPeerStamp?: boolean };

/**
 * Makes every Node HTTP server of this process stamp PEER_ADDRESS_HEADER with the socket's remote address
 * before its request listeners (Next) see the request. Idempotent.
 */
export async function installPeerAddressStamp(): Promise<void> {
  if (stamp.__liaisonPeerStamp) return;
  const http = await import("node:http");
  const emit = http.Server.prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  } as typeof http.Server.prototype.emit;
  stamp.__liaisonPeerStamp = true;
}

/** `::ffff:192.0.2.1` → `192.0.2.1`; trims; empty → null. */
export function normalizeAddress(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  if (!trimmed) return null;
  return trimmed.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
}

/**
 * The client's address, given the socket's peer and X-Forwarded-For:
 *  - trustedHops 0 (default): the peer; X-Forwarded-For is ignored (anyone can write it);
 *  - trustedHops n ≥ 1: n reverse proxies of ours sit in front, each appending the address it received the
 *    request from, so the client is the n-th entry from the right (the leftmost one when there are fewer
 *    entries — the request came in through fewer proxies). Entries further left were written by the client.
 * Falls back to the peer, then to "unknown".
 */
export function clientAddressFrom(
  input: { peer: string | null | undefined; forwardedFor: string | null | undefined },
  trustedHops: number,
): string {
  const peer = normalizeAddress(input.peer);
  if (trustedHops <= 0) return peer ?? "unknown";
  const hops = (input.forwardedFor ?? "")
    .split(",")
    .map((entry) => normalizeAddress(entry))
    .filter((entry): entry is string => entry !== null);
  if (hops.length === 0) return peer ?? "unknown";
  return hops[Math.max(0, hops.length - trustedHops)] ?? peer ?? "unknown";
}

/** The peer address of a request, if the server stamped it (never a client-supplied value). */
export function stampedPeer(read: (name: string) => string | null | undefined): string | null {
  return stamp.__liaisonPeerStamp ? normalizeAddress(read(PEER_ADDRESS_HEADER)) : null;
}
