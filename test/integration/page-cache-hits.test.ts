import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as articleRoute } from "@/app/(site)/[section]/[slug]/route";
import { toCachedPage } from "@/server/cache/cached-response";
import { acceptsGzip, answerFromPageCache } from "@/server/cache/hits";
import { configureConsumer } from "@/server/cache/outbox-consumer";
import { type CachedPage, PageCache } from "@/server/cache/page-cache";
import { pageCache } from "@/server/cache/process-cache";
import { HSTS } from "@/server/http/security-headers";
import { articlePage } from "@/server/reader/pages/article";
import { advance, makeUser, type TestUser } from "../support/fixtures";
import { liveRow, publishedStory } from "../support/reader-fixtures";

/**
 * Issue 5, the app alone serving its cached pages: scripts/serve.mjs offers every request to
 * `answerFromPageCache` before Next. Here a real HTTP server does the same, with a fallback
 * that answers 599 where Next would take over, so each test sees exactly what the hit path
 * answered and what it left alone. Pages are put in the cache by the real reader route.
 */
let reporter: TestUser;
let editor: TestUser;
let server: http.Server;
let base = "";
const NOT_ANSWERED = 599;

beforeAll(async () => {
  reporter = await makeUser("reporter");
  editor = await makeUser("editor");
  configureConsumer({ fronts: [] });
  server = http.createServer((req, res) => {
    if (answerFromPageCache(pageCache(), req, res)) return;
    res.writeHead(NOT_ANSWERED).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  configureConsumer(null);
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => pageCache().setLive(true));

/** Renders (and so caches) a story page through the route, as Next would on a miss. */
async function viaRoute(path: string) {
  const [, section = "", slug = ""] = new URL(path, "http://localhost").pathname.split("/");
  const response = await articleRoute(new Request(`http://localhost${path}`), {
    params: Promise.resolve({ section, slug }),
  });
  return { response, html: await response.text() };
}

/** A raw HTTP request: the target sent exactly as given, no decompression, body as bytes. */
function raw(
  target: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname,
        port,
        path: target,
        method: options.method ?? "GET",
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function cachedStory(headline: string) {
  const story = await publishedStory(reporter, editor, {
    headline,
    paragraphs: ["A paragraph long enough to make the page worth compressing."],
  });
  const path = `/politics/${(await liveRow(story.id))!.slug}`;
  const miss = await viaRoute(path);
  expect(miss.response.headers.get("x-page-cache")).toBe("miss");
  return { story, path, miss };
}

describe("page-cache hits answered before Next", () => {
  it("answer with the page and headers the route stored, the proxy's and Next's added", async () => {
    const { path, miss } = await cachedStory("Ferry timetable changes for winter");
    const hit = await raw(path);
    expect(hit.status).toBe(200);
    expect(hit.body.toString("utf8")).toBe(miss.html);
    expect(hit.headers["x-page-cache"]).toBe("hit");
    expect(hit.headers["content-length"]).toBe(String(hit.body.byteLength));
    expect(hit.headers["content-encoding"]).toBeUndefined();
    for (const name of [
      "content-type",
      "cache-control",
      "content-security-policy",
      "surrogate-key",
    ]) {
      expect(hit.headers[name], name).toBe(miss.response.headers.get(name));
    }
    // What proxy.ts adds to every response, and the Vary Next's server and compression set.
    expect(hit.headers["x-content-type-options"]).toBe("nosniff");
    expect(hit.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(hit.headers["x-frame-options"]).toBe("DENY");
    expect(hit.headers["strict-transport-security"]).toBeUndefined();
    expect(hit.headers.vary).toBe(
      "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding",
    );
    expect(hit.headers["set-cookie"]).toBeUndefined();
  });

  it("gzip for clients that accept it, made once and counted in the cache's budget", async () => {
    const { path, miss } = await cachedStory("Library opening hours extended");
    const before = pageCache().usedBytes;
    const first = await raw(path, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(first.headers["content-encoding"]).toBe("gzip");
    expect(first.headers["content-length"]).toBe(String(first.body.byteLength));
    expect(gunzipSync(first.body).toString("utf8")).toBe(miss.html);
    expect(first.body.byteLength).toBeLessThan(Buffer.byteLength(miss.html));
    expect(pageCache().usedBytes).toBe(before + first.body.byteLength);
    const again = await raw(path, { headers: { "accept-encoding": "gzip" } });
    expect(again.body.equals(first.body)).toBe(true);
    expect(pageCache().usedBytes).toBe(before + first.body.byteLength);
    // Refused gzip, or only deflate: the plain page.
    for (const acceptEncoding of ["gzip;q=0, identity", "deflate", "identity"]) {
      const plain = await raw(path, { headers: { "accept-encoding": acceptEncoding } });
      expect(plain.headers["content-encoding"], acceptEncoding).toBeUndefined();
      expect(plain.body.toString("utf8")).toBe(miss.html);
    }
    // HEAD: the headers of the plain page (Next does not compress HEAD), no body.
    const head = await raw(path, { method: "HEAD", headers: { "accept-encoding": "gzip" } });
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBeUndefined();
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(miss.html)));
    expect(head.body.byteLength).toBe(0);
  });

  it("send HSTS exactly when proxy.ts would: HTTPS site, or a trusted proxy saying https", async () => {
    const { path } = await cachedStory("Harbour wall repairs begin");
    const saved = { SITE_URL: process.env.SITE_URL, TRUST_PROXY: process.env.TRUST_PROXY };
    try {
      delete process.env.TRUST_PROXY;
      process.env.SITE_URL = "http://localhost:3000";
      const spoofed = await raw(path, { headers: { "x-forwarded-proto": "https" } });
      expect(spoofed.headers["strict-transport-security"]).toBeUndefined();
      process.env.TRUST_PROXY = "1";
      const proxied = await raw(path, { headers: { "x-forwarded-proto": "https" } });
      expect(proxied.headers["strict-transport-security"]).toBe(HSTS);
      expect((await raw(path)).headers["strict-transport-security"]).toBeUndefined();
      delete process.env.TRUST_PROXY;
      process.env.SITE_URL = "https://news.example.com";
      expect((await raw(path)).headers["strict-transport-security"]).toBe(HSTS);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it("leave everything else to Next: uncached, other methods, odd targets, cache off", async () => {
    const { path } = await cachedStory("Bridge closed for inspection");
    expect((await raw(path)).status).toBe(200);
    expect((await raw(`${path}?utm_source=feed`)).status).toBe(NOT_ANSWERED);
    expect((await raw(`${path}/`)).status).toBe(NOT_ANSWERED);
    expect((await raw(path, { method: "POST" })).status).toBe(NOT_ANSWERED);
    expect((await raw(path, { method: "OPTIONS" })).status).toBe(NOT_ANSWERED);
    expect((await raw(`/${path}`)).status).toBe(NOT_ANSWERED);
    expect((await raw(`/x/..${path}`)).status).toBe(NOT_ANSWERED);
    // The change listener lost its connection: nothing is served from the cache.
    pageCache().setLive(false);
    expect((await raw(path)).status).toBe(NOT_ANSWERED);
  });

  it("never answer with a story once it is unpublished", async () => {
    const { story, path } = await cachedStory("Stadium roof plans withdrawn");
    expect((await raw(path, { headers: { "accept-encoding": "gzip" } })).status).toBe(200);
    await advance(story.id, [{ name: "unpublish", as: editor }], "published");
    expect((await raw(path)).status).toBe(NOT_ANSWERED);
    expect((await raw(path, { headers: { "accept-encoding": "gzip" } })).status).toBe(NOT_ANSWERED);
    const gone = await viaRoute(path);
    expect(gone.response.status).toBe(410);
    expect(gone.html).not.toContain("Stadium roof plans withdrawn");
  });
});

describe("one render for concurrent misses", () => {
  it("requests that miss together share the first one's render", async () => {
    const story = await publishedStory(reporter, editor, {
      headline: "Tram depot to become a market",
      paragraphs: ["Stalls open in June."],
    });
    const path = `/politics/${(await liveRow(story.id))!.slug}`;
    const first = viaRoute(path);
    // Its render is under way: the next requests for the page wait for it.
    expect(pageCache().pendingFill(path)).not.toBeNull();
    const results = await Promise.all([first, viaRoute(path), viaRoute(path)]);
    for (const { response, html } of results) {
      expect(response.status).toBe(200);
      expect(response.headers.get("x-page-cache")).toBe("miss");
      expect(html).toBe(results[0]!.html);
    }
    expect((await viaRoute(path)).response.headers.get("x-page-cache")).toBe("hit");
  });

  it("a request arriving after a change never waits for a render that began before it", async () => {
    const story = await publishedStory(reporter, editor, {
      headline: "Council offices to move",
      paragraphs: ["The lease ends in March."],
    });
    const slug = (await liveRow(story.id))!.slug;
    const path = `/politics/${slug}`;
    const cache = pageCache();
    // A render of the page takes its ticket and reads the live story…
    const ticket = cache.ticket();
    const stale = await toCachedPage(
      new URL(`http://localhost${path}`),
      await articlePage("politics", slug),
      60,
    );
    let finish: (page: CachedPage | null) => void = () => {};
    cache.beginFill(
      path,
      ticket,
      new Promise((resolve) => {
        finish = resolve;
      }),
    );
    // …and is still under way when the story is unpublished.
    await advance(story.id, [{ name: "unpublish", as: editor }], "published");
    const after = viaRoute(path);
    finish(stale);
    const { response, html } = await after;
    expect(response.status).toBe(410);
    expect(html).not.toContain("The lease ends in March");
  });

  it("PageCache: a fill is shared only while nothing has been invalidated since its ticket", async () => {
    const cache = new PageCache(1024 * 1024, () => 0);
    const never = new Promise<null>(() => {});
    cache.beginFill("/a", cache.ticket(), never);
    expect(cache.pendingFill("/a")).toBe(never);
    expect(cache.pendingFill("/b")).toBeNull();
    // Any invalidation, even of another page, ends the sharing (the render may predate it).
    cache.invalidate({ all: false, paths: ["/unrelated"], keys: [] });
    expect(cache.pendingFill("/a")).toBeNull();
    cache.beginFill("/c", cache.ticket(), never);
    cache.setLive(false);
    expect(cache.pendingFill("/c")).toBeNull();
    cache.setLive(true);
    // A settled fill is forgotten.
    let settle: (page: null) => void = () => {};
    const settled = new Promise<null>((resolve) => {
      settle = resolve;
    });
    cache.beginFill("/d", cache.ticket(), settled);
    expect(cache.pendingFill("/d")).toBe(settled);
    settle(null);
    await settled;
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.pendingFill("/d")).toBeNull();
  });
});

describe("Accept-Encoding", () => {
  it("gzip is acceptable when named or covered by *, unless its q is 0", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8, *;q=0.1")).toBe(true);
    expect(acceptsGzip("GZIP")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip;q=0.000, *")).toBe(false);
    expect(acceptsGzip("*;q=0")).toBe(false);
    expect(acceptsGzip("deflate, br")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
