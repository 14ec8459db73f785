/**
 * The security headers of every response, decided per request by `proxy.ts`.
 * Deliberately free of `server-only` and of the config module: Proxy is bundled apart from
 * the app and reads only the two environment variables it needs.
 *
 * Staff pages (App Router, always rendered per request) get a nonce-based policy: Next reads
 * the nonce from the request's Content-Security-Policy header and puts it on its own scripts,
 * and 'strict-dynamic' lets those load the rest. Reader pages are route handlers that send
 * their own stricter policy with no inline script at all (server/reader/respond.tsx); theirs
 * replaces this one on the way out.
 */

export function newNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * style-src-attr 'unsafe-inline': React renders `style={…}` props as style attributes, and
 * ProseMirror sets a few itself. An attribute cannot run script or load anything
 * (img-src/font-src still apply to what CSS references), while <style> elements still need
 * the nonce.
 */
export function staffCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "worker-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Whether a path is answered by one of our route handlers, which send their own policy
 * (reader pages: no inline script at all; media: a sandbox), or by an App Router page that
 * needs the nonce policy. Everything with one or two segments is a reader route
 * (`/[section]/[slug]` catches what nothing more specific does); staff pages live under a few
 * prefixes; deeper unknown paths get Next's not-found page, which is an App Router page.
 */
export function answeredByRouteHandler(pathname: string): boolean {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // Malformed escapes: judge the raw path.
  }
  if (/^\/newsroom\/articles\/[^/]+\/preview\/?$/.test(path)) return true;
  if (/^\/(newsroom|login|setup|reset-password|two-factor)(\/|$)/.test(path)) return false;
  const segments = path.split("/").filter(Boolean);
  if (segments.length <= 2) return true;
  if (segments[0] === "media" && segments.length === 3) return true;
  return segments[0] === "api" && segments[1] === "auth";
}

/** One year, subdomains included: the minimum THREATS.md row 42 asks for. */
export const HSTS = "max-age=31536000; includeSubDomains";

type Env = { SITE_URL?: string; TRUST_PROXY?: string };
type HeaderBag = { get(name: string): string | null };

/**
 * HSTS only means something over HTTPS, and on plain http it would lock a developer's
 * localhost out. The site is on HTTPS when SITE_URL says so, or when a proxy we were told to
 * trust (TRUST_PROXY) says it received the request over HTTPS. A client's own
 * X-Forwarded-Proto counts for nothing.
 */
export function servedOverHttps(headers: HeaderBag, env: Env): boolean {
  if (env.SITE_URL?.startsWith("https:")) return true;
  const trustProxy = env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true";
  if (!trustProxy) return false;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https";
}

/** Headers every response carries, whatever produced it. */
export function commonSecurityHeaders(headers: HeaderBag, env: Env): Record<string, string> {
  return securityHeadersFor(servedOverHttps(headers, env));
}

/** The same, once it is known whether the request came over HTTPS (server/cache/hits.ts). */
export function securityHeadersFor(https: boolean): Record<string, string> {
  const out: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
  };
  if (https) out["strict-transport-security"] = HSTS;
  return out;
}
