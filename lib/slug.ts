import { stripInvisible } from "./text/invisible";

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

export const SLUG_MAX = 80;
const SLUG_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A slug typed by hand: invisible characters dropped, diacritics folded, spaces and
 * underscores made hyphens, lower-cased. Anything else outside a–z, 0–9 and the hyphen is
 * refused rather than silently dropped, so "раураl" (Cyrillic look-alikes) never becomes
 * another address than the one the person believes they typed.
 */
export function normalizeSlugInput(
  raw: string,
): { ok: true; slug: string } | { ok: false; message: string } {
  // Invisible controls (lib/text/invisible.ts) are dropped: pasted slugs often carry them.
  const slug = stripInvisible(raw)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/[\s_]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!slug) return { ok: false, message: "Type an address, or clear it to follow the headline." };
  if (slug.length > SLUG_MAX) {
    return { ok: false, message: `The address is at most ${SLUG_MAX} characters.` };
  }
  if (!SLUG_SHAPE.test(slug)) {
    return { ok: false, message: "Use only letters a–z, digits and hyphens in the address." };
  }
  if (isReservedSlug(slug)) {
    return { ok: false, message: `“${slug}” is reserved for the site; choose another address.` };
  }
  return { ok: true, slug };
}
