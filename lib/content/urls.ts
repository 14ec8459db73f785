/** Link protocols a story may carry. Everything else (javascript:, data:, vbscript:, …) is refused. */
const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * Returns the normalised URL when `raw` is an absolute http, https or mailto URL, else null.
 * The WHATWG parser is the one browsers use, so tab/newline splits ("java\tscript:"),
 * case tricks and leading control characters resolve exactly as a browser would see them;
 * entity-encoded colons ("javascript&#58;") do not parse as a scheme at all and are refused.
 */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== "mailto:" && !url.hostname) return null;
  return url.href;
}

export function isSafeHref(raw: unknown): boolean {
  return safeHref(raw) !== null;
}
