import { normalisePath } from "./invalidation";
import type { CachedPage } from "./page-cache";

/** Statuses whose pages are the same for every reader and safe to keep. */
const KEPT_STATUSES = new Set([200, 301, 404, 410]);

/**
 * How long a response may be shared, from its own Cache-Control (`s-maxage`, else
 * `max-age`), or 0: only `public` responses without a cookie are ever kept.
 */
export function sharedLifetime(response: Response): number {
  if (!KEPT_STATUSES.has(response.status) || response.headers.has("set-cookie")) return 0;
  const cc = (response.headers.get("cache-control") ?? "").toLowerCase();
  if (!/\bpublic\b/.test(cc) || /\b(private|no-store|no-cache)\b/.test(cc)) return 0;
  const seconds = /\bs-maxage=(\d+)/.exec(cc) ?? /\bmax-age=(\d+)/.exec(cc);
  return seconds ? Number(seconds[1]) : 0;
}

/** Tags of a page: its surrogate keys, and its path. */
export function tagsFor(url: URL, response: Response): string[] {
  const keys = (response.headers.get("surrogate-key") ?? "").split(/\s+/).filter(Boolean);
  return [...new Set([...keys, `path:${normalisePath(url.pathname)}`])];
}

/** Text, XML and JSON: what Next's own compression would gzip (its `compressible` test). */
const COMPRESSIBLE = /^\s*(?:text\/|application\/(?:[\w.-]+\+)?(?:xml|json)\s*(?:;|$))/i;

/**
 * Whether Next's compression applies to a response of this type (it then adds
 * Vary: Accept-Encoding, whatever the size): compressible and not marked `no-transform`.
 */
export function compressible(contentType: string | null, cacheControl: string | null): boolean {
  return COMPRESSIBLE.test(contentType ?? "") && !/\bno-transform\b/i.test(cacheControl ?? "");
}

export async function toCachedPage(
  url: URL,
  response: Response,
  lifetimeSeconds: number,
  now = Date.now(),
): Promise<CachedPage> {
  return {
    status: response.status,
    headers: [...response.headers.entries()],
    body: new Uint8Array(await response.arrayBuffer()),
    tags: tagsFor(url, response),
    expiresAt: now + lifetimeSeconds * 1000,
  };
}

export function fromCachedPage(page: CachedPage, marker: "hit" | "miss"): Response {
  const headers = new Headers(page.headers);
  headers.set("x-page-cache", marker);
  return new Response(page.body.byteLength > 0 ? page.body : null, {
    status: page.status,
    headers,
  });
}
