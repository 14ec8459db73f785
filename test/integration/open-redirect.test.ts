import { describe, expect, it } from "vitest";
import { safeCallbackUrl, safeNextPath } from "@/lib/safe-path";

/**
 * THREATS 30: after sign-in the browser goes only to a path on this site. `next=` is checked
 * in the login form (safeNextPath); next-auth's `callbackUrl` in its redirect callback
 * (safeCallbackUrl). Each hostile value falls back to the newsroom.
 */

const BASE = "https://site.com";

const HOSTILE = [
  "//evil.com",
  "//evil.com/newsroom",
  "/\\evil.com",
  "\\\\evil.com",
  "/\\/evil.com",
  "https://evil.com",
  "https://site.com.evil.com",
  "https://site.com.evil.com/newsroom",
  "https://site.com@evil.com",
  "https://user:pw@site.com/newsroom",
  "@evil.com",
  "evil.com",
  "%2F%2Fevil.com",
  "/%2F%2Fevil.com".replace("/", "%2F"),
  "%2F%5Cevil.com",
  "/%5Cevil.com",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "javascript%3Aalert(1)",
  "data:text/html,<script>alert(1)</script>",
  "/\t/evil.com",
  "/\n/evil.com",
  "/%09/evil.com",
  "http://site.com/newsroom", // right host, wrong scheme: another origin
  "",
];

describe("safeNextPath (the login form's ?next=)", () => {
  it.each(HOSTILE)("refuses %j", (value) => {
    expect(safeNextPath(value)).toBe("/newsroom");
  });

  it.each([
    "/newsroom",
    "/newsroom/articles/123e4567-e89b-12d3-a456-426614174000",
    "/newsroom/review?page=2#top",
  ])("keeps the same-site path %j", (value) => {
    expect(safeNextPath(value)).toBe(value);
  });
});

describe("safeCallbackUrl (next-auth's callbackUrl)", () => {
  it.each(HOSTILE)("sends %j to the newsroom instead", (value) => {
    expect(safeCallbackUrl(value, BASE)).toBe("https://site.com/newsroom");
  });

  it.each([
    ["/newsroom/review", "https://site.com/newsroom/review"],
    ["https://site.com/newsroom/users?x=1", "https://site.com/newsroom/users?x=1"],
    ["https://SITE.com/newsroom", "https://site.com/newsroom"],
  ])("keeps %j on this site", (value, expected) => {
    expect(safeCallbackUrl(value, BASE)).toBe(expected);
  });
});
