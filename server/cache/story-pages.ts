import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { publishedArticles, sections } from "@/db/schema";
import {
  articlePath,
  authorPath,
  homePath,
  sectionFeedPath,
  sectionPath,
  tagPath,
} from "@/lib/reader/paths";
import { type Invalidation, merge, normalisePath } from "./invalidation";

/** What of a live story decides which reader pages show it. */
export type LiveCopy = {
  section: string;
  slug: string;
  tags: { slug: string }[];
  byline: { slug: string }[];
};

/** The story's row on the reader site right now (inside the caller's transaction), or null. */
export async function liveCopy(tx: Executor, articleId: string): Promise<LiveCopy | null> {
  const [row] = await tx
    .select({
      slug: publishedArticles.slug,
      section: sections.slug,
      tags: publishedArticles.tags,
      byline: publishedArticles.byline,
    })
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(eq(publishedArticles.articleId, articleId));
  return row ?? null;
}

/** Pages that list or summarise every story, whatever its section. */
const SITE_WIDE_PATHS = [homePath(), "/feed.xml", "/sitemap.xml", "/news-sitemap.xml", "/search"];
const SITE_WIDE_KEYS = ["home", "search", "corrections"];

/**
 * Every reader page a change to a story can alter, from its live copy before and after the
 * change (either may be null: first publication, unpublication): the story's address, old and
 * new (a cached 404 or 301 there has no keys), its sections with their feeds and paginated
 * lists, its tags' and authors' pages, home, the site feeds, sitemaps, search and
 * corrections, and every page that shows it (`article:{id}`: other stories' teasers, "More in
 * {section}" through `section:{slug}`).
 */
export function storyInvalidation(
  articleId: string,
  before: LiveCopy | null,
  after: LiveCopy | null,
): Invalidation {
  const paths = new Set(SITE_WIDE_PATHS);
  const keys = new Set([...SITE_WIDE_KEYS, `article:${articleId}`]);
  for (const copy of [before, after]) {
    if (!copy) continue;
    paths.add(articlePath(copy.section, copy.slug));
    paths.add(sectionPath(copy.section));
    paths.add(sectionFeedPath(copy.section));
    keys.add(`section:${copy.section}`);
    for (const tag of copy.tags) {
      paths.add(tagPath(tag.slug));
      keys.add(`tag:${tag.slug}`);
    }
    for (const author of copy.byline) {
      paths.add(authorPath(author.slug));
      keys.add(`author:${author.slug}`);
    }
  }
  return merge([{ all: false, paths: [...paths].map(normalisePath), keys: [...keys] }]);
}
