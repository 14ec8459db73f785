import "server-only";
import { absoluteUrl, articlePath, homePath, sectionPath } from "@/lib/reader/paths";
import { xmlEscape } from "@/lib/reader/xml";
import { config } from "../config";
import { recentNewsEntries, sitemapEntries } from "./feeds";
import { navSections } from "./queries";

/** sitemaps.org and Google News sitemaps, built from live stories only. */

export async function sitemapXml(): Promise<string> {
  const { siteUrl } = config();
  const [stories, sections] = await Promise.all([sitemapEntries(), navSections()]);
  const newest = stories.reduce<Date | null>(
    (max, s) => (!max || s.updatedAt > max ? s.updatedAt : max),
    null,
  );
  const urls: string[] = [
    entry(absoluteUrl(siteUrl, homePath()), newest, "hourly"),
    ...sections.map((s) => entry(absoluteUrl(siteUrl, sectionPath(s.slug)), null, "hourly")),
    ...stories.map((s) =>
      entry(absoluteUrl(siteUrl, articlePath(s.sectionSlug, s.slug)), s.updatedAt, null),
    ),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

function entry(loc: string, lastmod: Date | null, changefreq: string | null): string {
  return `<url><loc>${xmlEscape(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ""}${changefreq ? `<changefreq>${changefreq}</changefreq>` : ""}</url>`;
}

export async function newsSitemapXml(now = new Date()): Promise<string> {
  const { siteUrl, siteName } = config();
  const stories = await recentNewsEntries(now);
  const urls = stories.map((s) => {
    const keywords = s.tags.map((t) => t.name).join(", ");
    return (
      `<url><loc>${xmlEscape(absoluteUrl(siteUrl, articlePath(s.sectionSlug, s.slug)))}</loc>` +
      `<news:news><news:publication><news:name>${xmlEscape(siteName)}</news:name><news:language>en</news:language></news:publication>` +
      `<news:publication_date>${s.publishedAt.toISOString()}</news:publication_date>` +
      `<news:title>${xmlEscape(s.headline)}</news:title>` +
      (keywords ? `<news:keywords>${xmlEscape(keywords)}</news:keywords>` : "") +
      "</news:news></url>"
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

export function robotsTxt(): string {
  const { siteUrl } = config();
  return [
    "User-agent: *",
    "Allow: /",
    "Disallow: /newsroom",
    "Disallow: /login",
    "Disallow: /setup",
    "Disallow: /reset-password",
    "Disallow: /api/",
    "Disallow: /search",
    "",
    `Sitemap: ${absoluteUrl(siteUrl, "/sitemap.xml")}`,
    `Sitemap: ${absoluteUrl(siteUrl, "/news-sitemap.xml")}`,
    "",
  ].join("\n");
}
