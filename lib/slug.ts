/** Words a story or section slug may not be: they are, or may become, routes of their own. */
export const RESERVED_SLUGS = new Set([
  "api",
  "newsroom",
  "login",
  "logout",
  "setup",
  "search",
  "feed",
  "feed.xml",
  "sitemap",
  "sitemap.xml",
  "robots.txt",
  "corrections",
  "authors",
  "author",
  "tags",
  "tag",
  "media",
  "preview",
  "admin",
  "static",
  "_next",
  "new",
  "edit",
]);

/**
 * A URL slug from a headline: ASCII letters and digits joined by hyphens. Diacritics are
 * folded ("Zoë" → "zoe"); bidi controls and zero-width characters vanish with the rest.
 */
export function slugify(input: string, max = 80): string {
  const slug = input
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
  return slug || "story";
}

export function isReservedSlug(slug: string): boolean {
  return RESERVED_SLUGS.has(slug.toLowerCase());
}
