import "server-only";
import net from "node:net";
import { config } from "../config";

type HeaderBag = { get(name: string): string | null };

/** Everybody whose address cannot be told shares this bucket. */
export const UNKNOWN_ADDRESS = "direct";

/**
 * The client's address, for rate limits only (comments store it as a keyed hash, never as is).
 *
 * A Next route handler or server action is not given the socket. What it has is
 * `X-Forwarded-For`, which Next itself fills with the socket address, but only when the
 * request arrived without one (base-server: `req.headers['x-forwarded-for'] ??=
 * socket.remoteAddress`). So:
 *
 * - TRUST_PROXY=1 (one reverse proxy in front, e.g. the cache front): that proxy appends the
 *   address it saw, so the right-most entry is the one to believe. Entries to its left were
 *   sent by the client and are ignored. Exactly one trusted hop is assumed.
 * - No proxy: `proxy.ts` removes the client's own header (forwarded-for.ts), so the single
 *   address here is the socket's. Should a request ever reach the app with the client's
 *   header still on, a list is certainly forged and falls back to one shared bucket rather
 *   than to whatever the forger wrote first; the per-story and site-wide ceilings of comments
 *   ignore addresses altogether.
 *
 * IPv6 addresses are bucketed by their /64: one subscriber usually holds a whole /64.
 */
export function clientAddress(headers: HeaderBag): string {
  const { trustProxy } = config();
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  let candidate: string | undefined;
  if (trustProxy) candidate = hops.at(-1) ?? headers.get("x-real-ip")?.trim();
  else if (hops.length === 1) candidate = hops[0];
  return normaliseAddress(candidate) ?? UNKNOWN_ADDRESS;
}

export function normaliseAddress(raw: string | undefined | null): string | null {
  if (!raw || raw.length > 64) return null;
  let address = raw.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (/^::ffff:/i.test(address) && net.isIPv4(address.slice(7))) address = address.slice(7);
  if (net.isIPv4(address)) return address;
  if (!net.isIPv6(address)) return null;
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, lower-case, without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.toLowerCase().split("::");
  const parts = (s: string) => (s ? s.split(":") : []);
  const groups = (s: string) =>
    parts(s).flatMap((g) => {
      // An embedded IPv4 tail (::ffff:1.2.3.4 forms that are not plain mapped) is two groups.
      if (!net.isIPv4(g)) return [g];
      const [a = 0, b = 0, c = 0, d = 0] = g.split(".").map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const fill = Array.from({ length: 8 - left.length - right.length }, () => "0");
  return [...left, ...fill, ...right].map((g) => Number.parseInt(g || "0", 16).toString(16));
}
