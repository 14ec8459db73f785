/**
 * A same-origin path to go to after sign-in, or the fallback. Refuses "//evil.com",
 * "/\\evil.com", absolute URLs, "javascript:" and encoded variants of those.
 */
export function safeNextPath(raw: string | null | undefined, fallback = "/newsroom"): string {
  if (!raw || raw.length > 500) return fallback;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return fallback;
  }
  for (const candidate of [raw, decoded]) {
    if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) {
      return fallback;
    }
    if ([...candidate].some((ch) => ch.charCodeAt(0) < 0x20)) return fallback;
  }
  return raw;
}

/**
 * next-auth's `callbackUrl`: a same-origin path (checked as safeNextPath does) or an absolute
 * URL on exactly our origin. Anything else — another host, a look-alike host
 * ("https://site.com.evil.com"), userinfo tricks ("https://site.com@evil.com"),
 * protocol-relative or backslash paths, `javascript:` — becomes the fallback.
 */
export function safeCallbackUrl(url: string, baseUrl: string, fallback = "/newsroom"): string {
  const base = new URL(baseUrl);
  if (url.startsWith("/")) return `${base.origin}${safeNextPath(url, fallback)}`;
  try {
    const target = new URL(url);
    if (
      target.origin === base.origin &&
      !target.username &&
      !target.password &&
      /^https?:$/.test(target.protocol)
    ) {
      return `${base.origin}${safeNextPath(`${target.pathname}${target.search}${target.hash}`, fallback)}`;
    }
  } catch {
    // Not a URL at all.
  }
  return `${base.origin}${fallback}`;
}
