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
