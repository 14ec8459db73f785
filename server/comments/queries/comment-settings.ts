import "server-only";
import { count, desc, eq, sql } from "drizzle-orm";
import { articles, comments, publishedArticles } from "@/db/schema";
import { db } from "../../db";
import { type Actor, can } from "../../policy";

export type StoryCommentSetting = {
  articleId: string;
  headline: string;
  open: boolean;
  pending: number;
};

/**
 * Live stories, newest first, with whether they take comments: what a moderator needs to
 * close (or reopen) comments on a story, whether or not anyone has commented yet.
 */
export async function storyCommentSettings(
  actor: Actor | null,
  limit = 50,
): Promise<StoryCommentSetting[] | null> {
  if (!can(actor, "comment.moderate")) return null;
  const pending = (await db())
    .select({ articleId: comments.articleId, n: count().as("n") })
    .from(comments)
    .where(eq(comments.status, "pending"))
    .groupBy(comments.articleId)
    .as("pending");
  const rows = await (await db())
    .select({
      articleId: publishedArticles.articleId,
      headline: publishedArticles.headline,
      open: sql<boolean>`(${publishedArticles.commentsOpen} and ${articles.commentsOpen})`,
      pending: sql<number>`coalesce(${pending.n}, 0)`,
    })
    .from(publishedArticles)
    .innerJoin(articles, eq(articles.id, publishedArticles.articleId))
    .leftJoin(pending, eq(pending.articleId, publishedArticles.articleId))
    .orderBy(desc(publishedArticles.publishedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, pending: Number(r.pending) }));
}
