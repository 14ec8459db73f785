import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  type ArticleRevision,
  articleAuthors,
  type BylineEntry,
  publishedArticles,
  users,
} from "@/db/schema";

async function bylineOf(tx: Executor, articleId: string): Promise<BylineEntry[]> {
  return tx
    .select({ id: users.id, name: users.name, slug: users.slug })
    .from(articleAuthors)
    .innerJoin(users, eq(users.id, articleAuthors.userId))
    .where(eq(articleAuthors.articleId, articleId))
    .orderBy(asc(articleAuthors.position));
}

/**
 * Puts a revision live: writes the reader site's row for the story. Called only inside a
 * publishing transition's transaction, so status, published revision, audit row and what
 * readers see commit together or not at all.
 */
export async function writePublishedCopy(
  tx: Executor,
  article: { id: string; slug: string; firstPublishedAt: Date | null },
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
    publishedAt: article.firstPublishedAt ?? now,
    updatedAt: now,
  };
  await tx
    .insert(publishedArticles)
    .values(row)
    .onConflictDoUpdate({ target: publishedArticles.articleId, set: row });
}

/** Takes a story off every reader surface at once. */
export async function removePublishedCopy(tx: Executor, articleId: string): Promise<void> {
  await tx.delete(publishedArticles).where(eq(publishedArticles.articleId, articleId));
}
