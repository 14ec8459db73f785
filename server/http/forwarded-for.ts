/**
 * Who may name the client's address. Next fills `X-Forwarded-For` with the socket's address
 * only when a request arrives without one (base-server: `x-forwarded-for ??= remoteAddress`),
 * so with no proxy in front a client could write any address there and get a fresh rate-limit
 * bucket with every request (THREATS 21–23). Unless TRUST_PROXY says a proxy of ours sets
 * it, `proxy.ts` removes the client's own `X-Forwarded-For` and `X-Real-IP` before Next
 * sees them; Next then writes the socket's address.
 *
 * Free of `server-only` and of the config module: Proxy is bundled apart from the app and
 * reads only the environment variables it needs.
 */

export const CLIENT_ADDRESS_HEADERS = ["x-forwarded-for", "x-real-ip"] as const;

type Env = { TRUST_PROXY?: string };

export function trustsProxy(env: Env): boolean {
  return env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true";
}

/**
 * The request headers to hand on, without the client's address headers, or null when
 * nothing needs removing (a trusted proxy, or none were sent).
 */
export function dropUntrustedAddressHeaders(headers: Headers, env: Env): Headers | null {
  if (trustsProxy(env)) return null;
  if (!CLIENT_ADDRESS_HEADERS.some((name) => headers.has(name))) return null;
  const kept = new Headers(headers);
  for (const name of CLIENT_ADDRESS_HEADERS) kept.delete(name);
  return kept;
}
