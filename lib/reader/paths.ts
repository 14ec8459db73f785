/** Public URLs of the reader site, in one place so links, canonicals, feeds and maps agree. */

export const homePath = () => "/";
export const sectionPath = (section: string) => `/${section}`;
export const articlePath = (section: string, slug: string) => `/${section}/${slug}`;
export const tagPath = (tag: string) => `/tags/${encodeURIComponent(tag)}`;
export const authorPath = (author: string) => `/authors/${encodeURIComponent(author)}`;
export const searchPath = (query: string, page = 1) =>
  `/search?q=${encodeURIComponent(query)}${page > 1 ? `&page=${page}` : ""}`;
export const sectionFeedPath = (section: string) => `/${section}/feed.xml`;

/** Adds `?page=N` for N > 1 to a list path. */
export function pagedPath(path: string, page: number): string {
  if (page <= 1) return path;
  return `${path}${path.includes("?") ? "&" : "?"}page=${page}`;
}

/** An absolute URL on this site (canonical links, feeds, sitemaps, JSON-LD). */
export function absoluteUrl(siteUrl: string, path: string): string {
  return `${siteUrl.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}

type Variant = { width: number; format: string; src: string };

/**
 * The rendition to hand to feeds, Open Graph and JSON-LD: the largest JPEG when there is one
 * (every consumer reads JPEG), else the largest rendition of any format.
 */
export function shareImage(variants: readonly Variant[]): Variant | undefined {
  const bySize = [...variants].sort((a, b) => b.width - a.width);
  return bySize.find((v) => v.format === "jpg") ?? bySize[0];
}

export const IMAGE_TYPES: Record<string, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpg: "image/jpeg",
};
