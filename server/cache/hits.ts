import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { securityHeadersFor, servedOverHttps } from "../http/security-headers";
import { compressible } from "./cached-response";
import type { CachedPage, PageCache } from "./page-cache";

/**
 * Page-cache hits answered before Next sees the request. Through Next's route-handler
 * machinery a hit costs about 2 ms of CPU (routing, a web Request, the tracer, streaming the
 * body through web streams, compressing it again); written straight to the socket it costs a
 * few hundredths of that. `scripts/serve.mjs`, the server every start path runs, calls
 * `answerFromPageCache` first and hands the request to Next when it returns false.
 *
 * What a hit here must equal, header for header, is what Next would have sent for the same
 * cached page (e2e/page-cache-hits.spec.ts compares them):
 * - the page's own headers, as the route produced them (its CSP, Cache-Control,
 *   Surrogate-Key…);
 * - what proxy.ts adds to every response (`commonSecurityHeaders`, HSTS over HTTPS);
 * - the Vary that Next sets on App Router responses, plus Accept-Encoding where its
 *   compression applies;
 * - gzip when the client accepts it (Next compresses every response on the fly; here a
 *   page's body is gzipped once, on its first hit that asks, and kept beside it).
 * Only URLs a `publicRoute` stored are ever in the cache (public, cookie-free, never
 * personal), and an invalidated page is gone from it before the command that changed it
 * returns, so nothing is served here that Next's own path would not serve from the cache.
 */

/** What Next's base server sets on every App Router response, route handlers included. */
const NEXT_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch";

/** Each page's response headers, built on its first hit: [identity, gzip] × [http, https]. */
const prepared = new WeakMap<CachedPage, (OutgoingHttpHeaders | undefined)[]>();

const env = () => ({ SITE_URL: process.env.SITE_URL, TRUST_PROXY: process.env.TRUST_PROXY });

function headerBag(req: IncomingMessage) {
  return {
    get(name: string): string | null {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * Whether gzip is acceptable (RFC 9110 §12.5.3: `gzip` or `*` with a non-zero q). Next's
 * compression prefers gzip too; a client that accepts only deflate gets identity here.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: boolean | null = null;
  for (const part of header.split(",")) {
    const [coding = "", ...params] = part.split(";");
    const name = coding.trim().toLowerCase();
    if (name !== "gzip" && name !== "x-gzip" && name !== "*") continue;
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(p)).find(Boolean);
    const ok = !q || Number(q[1]) > 0;
    if (name === "*") star = ok;
    else return ok;
  }
  return star === true;
}

function headerOf(page: CachedPage, name: string): string | null {
  return page.headers.find(([n]) => n === name)?.[1] ?? null;
}

/**
 * The page's gzipped body, made and kept on first use; null where Next would not compress
 * either. (Its compression skips bodies under 1 KB only when it knows their length up front,
 * which for a route handler's streamed body it never does.)
 */
function gzipped(cache: PageCache, page: CachedPage): Uint8Array<ArrayBuffer> | null {
  if (page.gzip === undefined) {
    const worth =
      page.body.byteLength > 0 &&
      headerOf(page, "content-encoding") === null &&
      compressible(headerOf(page, "content-type"), headerOf(page, "cache-control"));
    cache.attachGzip(page, worth ? new Uint8Array(gzipSync(page.body, { level: 6 })) : null);
  }
  return page.gzip ?? null;
}

function buildHeaders(page: CachedPage, gzip: boolean, https: boolean): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of page.headers) {
    // Set-Cookie is never stored (sharedLifetime); several values of one header are joined.
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  Object.assign(headers, securityHeadersFor(https));
  // Next's compression adds Accept-Encoding wherever it could compress, whatever the size.
  headers.vary = compressible(headerOf(page, "content-type"), headerOf(page, "cache-control"))
    ? `${NEXT_VARY}, Accept-Encoding`
    : NEXT_VARY;
  headers["x-page-cache"] = "hit";
  const body = gzip ? page.gzip : page.body;
  if (gzip) headers["content-encoding"] = "gzip";
  headers["content-length"] = body?.byteLength ?? 0;
  return headers;
}

function headersFor(page: CachedPage, gzip: boolean, https: boolean): OutgoingHttpHeaders {
  let variants = prepared.get(page);
  if (!variants) {
    variants = [];
    prepared.set(page, variants);
  }
  const slot = (gzip ? 2 : 0) + (https ? 1 : 0);
  let headers = variants[slot];
  if (!headers) {
    headers = buildHeaders(page, gzip, https);
    variants[slot] = headers;
  }
  return headers;
}

/** Longer URLs are never stored (publicRoute's limit). */
const MAX_KEY = 1_000;

/**
 * Answers a GET or HEAD from the page cache and returns true, or returns false without
 * touching the response (Next then handles the request). The key is the request target as
 * received: publicRoute stores pages under the path and query Next's request URL had, so a
 * target that Next would normalise first (dot segments, an absolute form) is simply not found.
 */
export function answerFromPageCache(
  cache: PageCache,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const method = req.method;
  if (method !== "GET" && method !== "HEAD") return false;
  const target = req.url;
  if (
    !target ||
    target.length > MAX_KEY ||
    target.charCodeAt(0) !== 47 /* / */ ||
    target.charCodeAt(1) === 47 ||
    !cache.enabled
  ) {
    return false;
  }
  const page = cache.get(target);
  if (!page) return false;
  // Next does not compress HEAD responses: their headers are the identity ones.
  const body =
    method === "GET" && acceptsGzip(req.headers["accept-encoding"]) ? gzipped(cache, page) : null;
  const https = servedOverHttps(headerBag(req), env());
  res.writeHead(page.status, headersFor(page, body !== null, https));
  res.end(method === "HEAD" ? undefined : (body ?? page.body));
  return true;
}

type HitAnswerer = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Makes `answerFromPageCache` reachable from scripts/serve.mjs, which is outside Next's
 * bundle but in the same process (the cache itself is on globalThis for the same reason).
 */
export function installHitAnswerer(cache: PageCache): void {
  (globalThis as { __newsroomAnswerHit?: HitAnswerer }).__newsroomAnswerHit = (req, res) =>
    answerFromPageCache(cache, req, res);
}
