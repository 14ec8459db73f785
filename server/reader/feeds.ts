import "server-only";
import { desc, eq, gte, sql } from "drizzle-orm";
import { Feed } from "feed";
import { publishedArticles, sections } from "@/db/schema";
import {
  absoluteUrl,
  articlePath,
  authorPath,
  homePath,
  IMAGE_TYPES,
  sectionPath,
  shareImage,
} from "@/lib/reader/paths";
import { xmlEscape } from "@/lib/reader/xml";
import { config } from "../config";
import { db } from "../db";
import { prepared } from "./prepared";
import { type NavSection, sectionBySlug } from "./queries";

/** RSS 2.0 of the newest live stories, site-wide or for one section (the `feed` package). */

const FEED_ITEMS = 30;
const ph = sql.placeholder;

const feedFields = {
  slug: publishedArticles.slug,
  headline: publishedArticles.headline,
  standfirst: publishedArticles.standfirst,
  seoDescription: publishedArticles.seoDescription,
  byline: publishedArticles.byline,
  tags: publishedArticles.tags,
  featuredImage: publishedArticles.featuredImage,
  publishedAt: publishedArticles.publishedAt,
  updatedAt: publishedArticles.updatedAt,
  sectionSlug: sections.slug,
  sectionName: sections.name,
};

const allStatement = prepared("reader_feed_all", (database) =>
  database
    .select(feedFields)
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .orderBy(desc(publishedArticles.publishedAt), desc(publishedArticles.articleId))
    .limit(FEED_ITEMS)
    .prepare("reader_feed_all"),
);

const sectionStatement = prepared("reader_feed_section", (database) =>
  database
    .select(feedFields)
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(eq(publishedArticles.sectionId, ph("sectionId")))
    .orderBy(desc(publishedArticles.publishedAt), desc(publishedArticles.articleId))
    .limit(FEED_ITEMS)
    .prepare("reader_feed_section"),
);

type FeedRow = Awaited<ReturnType<Awaited<ReturnType<typeof allStatement>>["execute"]>>[number];

function buildFeed(rows: FeedRow[], section: NavSection | null): string {
  const { siteUrl, siteName } = config();
  const url = (path: string) => absoluteUrl(siteUrl, path);
  const selfPath = section ? `${sectionPath(section.slug)}/feed.xml` : "/feed.xml";
  const feed = new Feed({
    title: section ? `${section.name} · ${siteName}` : siteName,
    description: section?.description || `The latest stories from ${siteName}`,
    id: url(section ? sectionPath(section.slug) : homePath()),
    link: url(section ? sectionPath(section.slug) : homePath()),
    language: "en",
    updated: rows[0]?.updatedAt ?? new Date(0),
    generator: siteName,
    feedLinks: { rss: url(selfPath) },
    copyright: `© ${siteName}`,
    ttl: 5,
  });
  for (const row of rows) {
    const link = url(articlePath(row.sectionSlug, row.slug));
    feed.addItem({
      title: row.headline,
      id: link,
      link,
      // Feed readers show the description as HTML; ours is plain text, so it is escaped and
      // "<img onerror=…>" in it is shown, not run (THREATS 16). Titles are shown as text.
      description: xmlEscape(row.seoDescription || row.standfirst),
      date: row.publishedAt,
      published: row.publishedAt,
      author: row.byline.map((a) => ({ name: a.name, link: url(authorPath(a.slug)) })),
      category: [
        { name: row.sectionName, domain: url(sectionPath(row.sectionSlug)) },
        ...row.tags.map((t) => ({ name: t.name })),
      ],
      image: enclosure(row.featuredImage?.variants ?? [], url),
    });
  }
  return feed.rss2();
}

function enclosure(
  variants: { width: number; format: string; src: string }[],
  url: (path: string) => string,
) {
  const image = shareImage(variants);
  return image
    ? { url: url(image.src), type: IMAGE_TYPES[image.format] ?? "image/jpeg" }
    : undefined;
}

export async function siteFeed(): Promise<string> {
  return buildFeed(await (await allStatement()).execute(), null);
}

/** The feed of one section, or null when there is no such section. */
export async function sectionFeed(sectionSlug: string): Promise<string | null> {
  const section = await sectionBySlug(sectionSlug);
  if (!section) return null;
  return buildFeed(await (await sectionStatement()).execute({ sectionId: section.id }), section);
}

/** Every live story's URL and last change, newest first (capped at the sitemap limit). */
export async function sitemapEntries(limit = 49_000) {
  return (await db())
    .select({
      slug: publishedArticles.slug,
      sectionSlug: sections.slug,
      updatedAt: publishedArticles.updatedAt,
    })
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .orderBy(desc(publishedArticles.publishedAt))
    .limit(limit);
}

/** Stories first published in the last 48 hours, for the Google News sitemap. */
export async function recentNewsEntries(now = new Date()) {
  return (await db())
    .select({
      slug: publishedArticles.slug,
      sectionSlug: sections.slug,
      headline: publishedArticles.headline,
      tags: publishedArticles.tags,
      publishedAt: publishedArticles.publishedAt,
    })
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(gte(publishedArticles.publishedAt, new Date(now.getTime() - 48 * 3600_000)))
    .orderBy(desc(publishedArticles.publishedAt))
    .limit(1000);
}
