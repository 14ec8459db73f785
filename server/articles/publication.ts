import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  type ArticleRevision,
  articleAuthors,
  articleTags,
  type BylineEntry,
  publishedArticles,
  type TagEntry,
  tags,
  users,
} from "@/db/schema";
import { loadFeaturedImage } from "../media/featured-image";
import { keepPublicAddress, recordAddressChange } from "./slug";

async function bylineOf(tx: Executor, articleId: string): Promise<BylineEntry[]> {
  return tx
    .select({ id: users.id, name: users.name, slug: users.slug })
    .from(articleAuthors)
    .innerJoin(users, eq(users.id, articleAuthors.userId))
    .where(eq(articleAuthors.articleId, articleId))
    .orderBy(asc(articleAuthors.position));
}

async function tagsOf(tx: Executor, articleId: string): Promise<TagEntry[]> {
  return tx
    .select({ slug: tags.slug, name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, articleId))
    .orderBy(asc(articleTags.position));
}

/**
 * Puts a revision live: writes the reader site's row for the story. Called only inside a
 * publishing transition's transaction, so status, published revision, audit row and what
 * readers see commit together or not at all.
 */
export async function writePublishedCopy(
  tx: Executor,
  article: { id: string; slug: string; firstPublishedAt: Date | null; commentsOpen: boolean },
  revision: ArticleRevision,
  now: Date,
): Promise<void> {
  const row = {
    articleId: article.id,
    revisionId: revision.id,
    slug: article.slug,
    sectionId: revision.sectionId,
    headline: revision.headline,
    standfirst: revision.standfirst,
    dateline: revision.dateline,
    source: revision.source,
    body: revision.body,
    bodyText: revision.bodyText,
    byline: await bylineOf(tx, article.id),
    tags: await tagsOf(tx, article.id),
    featuredImage: await loadFeaturedImage(tx, revision.featuredMediaId),
    seoTitle: revision.seoTitle,
    seoDescription: revision.seoDescription,
    commentsOpen: article.commentsOpen,
    publishedAt: article.firstPublishedAt ?? now,
    updatedAt: now,
  };
  const [before] = await tx
    .select({ slug: publishedArticles.slug })
    .from(publishedArticles)
    .where(eq(publishedArticles.articleId, article.id));
  await recordAddressChange(tx, article.id, before?.slug ?? null, article.slug);
  await tx
    .insert(publishedArticles)
    .values(row)
    .onConflictDoUpdate({ target: publishedArticles.articleId, set: row });
}

/**
 * Takes a story off every reader surface at once. The address readers knew stays the
 * story's (see keepPublicAddress): it answers 410 Gone while the story is down, and 301 to
 * wherever the story lives if it is published again under a new slug.
 */
export async function removePublishedCopy(tx: Executor, articleId: string): Promise<void> {
  const [live] = await tx
    .delete(publishedArticles)
    .where(eq(publishedArticles.articleId, articleId))
    .returning({ slug: publishedArticles.slug });
  if (live) await keepPublicAddress(tx, articleId, live.slug);
}
