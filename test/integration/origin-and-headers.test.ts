import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { config } from "@/server/config";
import { clientAddress } from "@/server/http/client-address";
import { dropUntrustedAddressHeaders } from "@/server/http/forwarded-for";
import { isSameOrigin } from "@/server/http/origin";
import {
  answeredByRouteHandler,
  commonSecurityHeaders,
  HSTS,
  newNonce,
  servedOverHttps,
  staffCsp,
} from "@/server/http/security-headers";

/**
 * THREATS.md rows 19–21 and 42: what counts as same-origin, when forwarded headers are
 * believed, when HSTS is sent, and which responses get the nonce policy. The same rules are
 * exercised over HTTP in e2e/permissions-http.spec.ts and e2e/headers-csp.spec.ts.
 */
const store = globalThis as unknown as { __newsroomConfig?: ReturnType<typeof config> };
const saved = config();
function withConfig(patch: Partial<ReturnType<typeof config>>) {
  store.__newsroomConfig = { ...saved, ...patch };
}
afterEach(() => {
  store.__newsroomConfig = saved;
});
const h = (init: Record<string, string>) => new Headers(init);

describe("isSameOrigin", () => {
  it("accepts the site's own origin, or Sec-Fetch-Site same-origin when Origin is absent", () => {
    withConfig({ siteUrl: "https://news.example", trustProxy: false });
    expect(isSameOrigin(h({ origin: "https://news.example", host: "news.example" }))).toBe(true);
    expect(isSameOrigin(h({ "sec-fetch-site": "same-origin" }))).toBe(true);
  });

  it("refuses another origin, a null origin, no evidence at all, and cross-site fetches", () => {
    withConfig({ siteUrl: "https://news.example", trustProxy: false });
    expect(isSameOrigin(h({ origin: "https://evil.example", host: "news.example" }))).toBe(false);
    expect(isSameOrigin(h({ origin: "null", host: "news.example" }))).toBe(false);
    expect(isSameOrigin(h({ host: "news.example" }))).toBe(false);
    expect(isSameOrigin(h({ "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(h({ "sec-fetch-site": "same-site" }))).toBe(false);
    expect(
      isSameOrigin(h({ origin: "https://news.example.evil.example", host: "news.example" })),
    ).toBe(false);
  });

  it("ignores X-Forwarded-Host and -Proto unless TRUST_PROXY is set", () => {
    const spoofed = {
      origin: "https://evil.example",
      host: "news.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    };
    withConfig({ siteUrl: "https://news.example", trustProxy: false });
    expect(isSameOrigin(h(spoofed))).toBe(false);
    // Behind a proxy we were told to trust, the proxy's view of the host is the site's.
    withConfig({ siteUrl: "https://news.example", trustProxy: true });
    expect(isSameOrigin(h(spoofed))).toBe(true);
    expect(
      isSameOrigin(
        h({
          origin: "https://evil.example",
          host: "10.0.0.5:3000",
          "x-forwarded-host": "news.example",
        }),
      ),
    ).toBe(false);
  });
});

describe("HSTS", () => {
  it("is sent when SITE_URL is https, and never over plain http", () => {
    expect(servedOverHttps(h({}), { SITE_URL: "https://news.example" })).toBe(true);
    expect(commonSecurityHeaders(h({}), { SITE_URL: "https://news.example" })).toMatchObject({
      "strict-transport-security": HSTS,
    });
    expect(HSTS).toMatch(/max-age=(\d+)/);
    expect(Number(/max-age=(\d+)/.exec(HSTS)?.[1])).toBeGreaterThanOrEqual(31_536_000);
    expect(
      commonSecurityHeaders(h({}), { SITE_URL: "http://localhost:3000" })[
        "strict-transport-security"
      ],
    ).toBeUndefined();
  });

  it("believes X-Forwarded-Proto: https only from a trusted proxy", () => {
    const forwarded = h({ "x-forwarded-proto": "https" });
    expect(servedOverHttps(forwarded, { SITE_URL: "http://app:3000" })).toBe(false);
    expect(servedOverHttps(forwarded, { SITE_URL: "http://app:3000", TRUST_PROXY: "1" })).toBe(
      true,
    );
    expect(
      servedOverHttps(h({ "x-forwarded-proto": "http" }), {
        SITE_URL: "http://app:3000",
        TRUST_PROXY: "1",
      }),
    ).toBe(false);
  });
});

describe("the client's address (THREATS 21–23)", () => {
  const spoofed = () =>
    h({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "198.51.100.7", cookie: "a=b" });

  it("Proxy drops a client's own X-Forwarded-For and X-Real-IP unless TRUST_PROXY is set", () => {
    const kept = dropUntrustedAddressHeaders(spoofed(), {});
    expect(kept?.has("x-forwarded-for")).toBe(false);
    expect(kept?.has("x-real-ip")).toBe(false);
    expect(kept?.get("cookie")).toBe("a=b");
    expect(dropUntrustedAddressHeaders(spoofed(), { TRUST_PROXY: "0" })?.has("x-real-ip")).toBe(
      false,
    );
    // Behind our proxy they are the proxy's, and stay; with nothing to drop, nothing changes.
    expect(dropUntrustedAddressHeaders(spoofed(), { TRUST_PROXY: "1" })).toBeNull();
    expect(dropUntrustedAddressHeaders(spoofed(), { TRUST_PROXY: "true" })).toBeNull();
    expect(dropUntrustedAddressHeaders(h({ cookie: "a=b" }), {})).toBeNull();
  });

  it("without TRUST_PROXY, a list is never believed: one shared bucket, not the first entry", () => {
    withConfig({ trustProxy: false });
    expect(clientAddress(h({ "x-forwarded-for": "6.6.6.6, 127.0.0.1" }))).toBe("direct");
    expect(clientAddress(h({ "x-real-ip": "6.6.6.6" }))).toBe("direct");
    expect(clientAddress(h({ "x-forwarded-for": "127.0.0.1" }))).toBe("127.0.0.1");
    withConfig({ trustProxy: true });
    expect(clientAddress(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("203.0.113.9");
  });
});

describe("which responses get the nonce policy", () => {
  it("staff pages and unknown deep paths do; reader routes, media and next-auth keep their own", () => {
    for (const path of [
      "/newsroom",
      "/newsroom/articles/1/revisions",
      "/login",
      "/setup",
      "/reset-password/abc",
      "/a/b/c",
      "/%6Eewsroom",
    ]) {
      expect(answeredByRouteHandler(path), path).toBe(false);
    }
    for (const path of [
      "/",
      "/politics",
      "/politics/some-story",
      "/search",
      "/feed.xml",
      "/media/123/960.webp",
      "/api/auth/callback/credentials",
      "/api/comments",
      "/newsroom/articles/123/preview",
    ]) {
      expect(answeredByRouteHandler(path), path).toBe(true);
    }
  });

  it("classifies every page and route handler in app/ (a new page must be added to proxy's list)", () => {
    const app = path.resolve(import.meta.dirname, "../../app");
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
        );
    const urlOf = (file: string) =>
      `/${path.relative(app, path.dirname(file))}`
        .replace(/\/\([^)]+\)/g, "")
        .replace(/\[\.\.\.[^\]]+\]/g, "x/y")
        .replace(/\[[^\]]+\]/g, "x")
        .replace(/^\/?$/, "/");
    const files = walk(app);
    const pages = files.filter((f) => /\/page\.tsx?$/.test(f)).map(urlOf);
    const routes = files.filter((f) => /\/route\.tsx?$/.test(f)).map(urlOf);
    expect(pages.length).toBeGreaterThan(15);
    for (const page of pages) expect(answeredByRouteHandler(page), `page ${page}`).toBe(false);
    for (const route of routes) expect(answeredByRouteHandler(route), `route ${route}`).toBe(true);
  });

  it("allows no inline script or eval, and a fresh nonce each time", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces)
      expect(Buffer.from(nonce, "base64").length).toBeGreaterThanOrEqual(16);
    const csp = staffCsp("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});
