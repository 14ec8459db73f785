import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import type { ReactElement } from "react";
import { type PageHead, SiteDocument } from "@/components/site/document";
import { type ErrorKind, ErrorView, errorTitle } from "@/components/site/error-view";
import { fromCachedPage, sharedLifetime, toCachedPage } from "../cache/cached-response";
import type { CachedPage } from "../cache/page-cache";
import { pageCache } from "../cache/process-cache";
import { config } from "../config";
import {
  isStatementCancelled,
  isDatabaseUnavailable as isUnavailable,
  retryOnBrokenConnection,
} from "../http/unavailable";
import { log } from "../log";
import { navSections } from "./queries";
import { stylesheet } from "./stylesheet";

/**
 * How the reader site answers: React rendered to static HTML by react-dom/server inside a
 * route handler (see README, "Reader site", for why and the measurements). No client
 * JavaScript, no inline script except JSON-LD data, exact status codes and cache headers.
 *
 * Route handlers run in Next's react-server layer, where `react-dom/server` resolves to a
 * module that throws. Node's own resolver loads the ordinary build from node_modules; the
 * elements our server components create are plain React elements it renders as usual
 * (they use no hooks and no context).
 */
type DomServer = typeof import("react-dom/server");
let domServer: DomServer | null = null;
function dom(): DomServer {
  domServer ??= createRequire(path.join(process.cwd(), "package.json"))(
    "react-dom/server",
  ) as DomServer;
  return domServer;
}

export function renderHtml(element: ReactElement): string {
  return `<!DOCTYPE html>${dom().renderToStaticMarkup(element)}`;
}

/** Public pages: a cache front may keep them 60 s (it is purged on publish), browsers revalidate. */
export const PAGE_CACHE = "public, max-age=0, s-maxage=60, stale-while-revalidate=30";
/** Search results cannot be purged by URL: a short shared life. */
export const SEARCH_CACHE = "public, max-age=0, s-maxage=15, stale-while-revalidate=15";
/** 404 and 410: cacheable briefly, so a story published a moment later shows up quickly. */
export const MISSING_CACHE = "public, max-age=0, s-maxage=10";
export const FEED_CACHE = "public, max-age=60, s-maxage=60, stale-while-revalidate=30";
export const NO_STORE = "no-store";

/**
 * A strict policy is possible because reader pages carry no script at all: the JSON-LD
 * <script type="application/ld+json"> is data, which CSP does not execute or block.
 */
export const READER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS = {
  "content-security-policy": READER_CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

export type PageOptions = {
  status?: number;
  cache?: string;
  /** Keys naming what the page shows, for a cache front that bans by key. */
  keys?: string[];
  query?: string;
  currentSection?: string;
  /** The navigation, when the page has already read it. */
  sections?: { slug: string; name: string }[];
};

export async function page(
  head: PageHead,
  body: ReactElement,
  options: PageOptions = {},
): Promise<Response> {
  const sections = options.sections ?? (await navSections());
  return document(head, body, sections, options);
}

function document(
  head: PageHead,
  body: ReactElement,
  sections: { slug: string; name: string }[],
  options: PageOptions,
): Response {
  const { siteName } = config();
  const html = renderHtml(
    <SiteDocument
      head={head}
      chrome={{
        siteName,
        stylesheet: stylesheet().href,
        sections,
        query: options.query,
        currentSection: options.currentSection,
      }}
    >
      {body}
    </SiteDocument>,
  );
  const headers: Record<string, string> = {
    "content-type": "text/html; charset=utf-8",
    "cache-control": options.cache ?? PAGE_CACHE,
    ...SECURITY_HEADERS,
  };
  if (options.keys?.length) headers["surrogate-key"] = options.keys.join(" ");
  return new Response(html, { status: options.status ?? 200, headers });
}

/** 404, 410, 500 or 503, as a full page with navigation when the database can give it. */
export async function errorPage(kind: ErrorKind): Promise<Response> {
  const status = { not_found: 404, gone: 410, error: 500, unavailable: 503 }[kind];
  const cache = kind === "not_found" || kind === "gone" ? MISSING_CACHE : NO_STORE;
  let sections: { slug: string; name: string }[] = [];
  if (kind === "not_found" || kind === "gone") {
    try {
      sections = await navSections();
    } catch {
      sections = [];
    }
  }
  return document(
    { title: errorTitle(kind), robots: "noindex" },
    <ErrorView kind={kind} />,
    sections,
    { status, cache },
  );
}

/** Plain text or XML bodies (feeds, sitemaps, robots.txt, the stylesheet). */
export function textResponse(body: string, contentType: string, cache: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": contentType,
      "cache-control": cache,
      "x-content-type-options": "nosniff",
    },
  });
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/**
 * Wraps a reader route handler: any failure becomes a friendly 500 (or 503 while the
 * database is unreachable) with the details in the log only.
 */
export function readerRoute<P>(
  handler: (request: Request, params: P) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    try {
      const params = await context.params;
      const render = () => handler(request, params);
      // A connection that broke under a query (a database restart, a killed backend): a
      // reader page is a read, so it is rendered once more rather than answered with a 503.
      return await (SAFE_METHODS.has(request.method) ? retryOnBrokenConnection(render) : render());
    } catch (error) {
      // Unreachable, or busy enough that the statement timeout cut a query off: try again soon.
      const unavailable = isUnavailable(error) || isStatementCancelled(error);
      log.error({ err: error, path: new URL(request.url).pathname }, "reader page failed");
      try {
        const response = await errorPage(unavailable ? "unavailable" : "error");
        if (unavailable) response.headers.set("retry-after", "5");
        return response;
      } catch {
        return new Response("Something went wrong. Please try again in a moment.", {
          status: 500,
          headers: { "content-type": "text/plain; charset=utf-8", "cache-control": NO_STORE },
        });
      }
    }
  };
}

/** Longer URLs are served but not kept (nobody links to them; they would only fill memory). */
const MAX_CACHED_URL = 1_000;

/**
 * A reader route whose pages are the same for everyone: answered from this instance's page
 * cache when it holds the URL, otherwise rendered and kept if the response is shareable (see
 * server/cache/). Never for anything that depends on who asks — the newsroom's preview uses
 * `readerRoute` itself. In production most hits never get here: the server in front of Next
 * (scripts/serve.mjs, server/cache/hits.ts) answers them from the same cache first.
 */
export function publicRoute<P>(
  handler: (request: Request, params: P) => Promise<Response>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  const render = readerRoute(handler);
  return async (request, context) => {
    const url = new URL(request.url);
    const key = url.pathname + url.search;
    const cache = pageCache();
    if (!cache.enabled || key.length > MAX_CACHED_URL) return render(request, context);
    const hit = cache.get(key);
    if (hit) return fromCachedPage(hit, "hit");
    // Another request is rendering this page right now, and nothing changed since it began.
    const pending = cache.pendingFill(key);
    if (pending) {
      const shared = await pending;
      if (shared) return fromCachedPage(shared, "miss");
    }
    // Taken before anything is read: a change committed during the render keeps it out.
    const ticket = cache.ticket();
    let settle: (page: CachedPage | null) => void = () => {};
    cache.beginFill(
      key,
      ticket,
      new Promise((resolve) => {
        settle = resolve;
      }),
    );
    let page: CachedPage | null = null;
    try {
      const response = await render(request, context);
      const lifetime = sharedLifetime(response);
      if (lifetime <= 0) return response;
      page = await toCachedPage(url, response, lifetime);
      cache.put(key, page, ticket);
      return fromCachedPage(page, "miss");
    } finally {
      settle(page);
    }
  };
}
