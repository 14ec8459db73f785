import "server-only";
import { count, desc, eq, ne, sql } from "drizzle-orm";
import { articleRevisions, articles, comments, publishedArticles, sections } from "@/db/schema";
import { db } from "../../db";
import { type Actor, can } from "../../policy";

export type QueueItem = {
  id: string;
  articleId: string;
  headline: string;
  /** Public path of the story while it is live, else null. */
  articlePath: string | null;
  authorName: string;
  /** For moderators' eyes only. */
  authorEmail: string;
  body: string;
  status: "pending" | "approved" | "spam";
  isReply: boolean;
  createdAt: Date;
};

export type ModerationQueue = {
  items: QueueItem[];
  page: number;
  pageCount: number;
  total: number;
};

export const QUEUE_PAGE_SIZE = 20;

/**
 * Comments for moderators: pending first, then the rest (approved and spam), newest first
 * within each, paginated. Deleted comments are gone for good. Null for anyone who may not
 * moderate, so a page can answer exactly as for a missing one.
 */
export async function moderationQueue(
  actor: Actor | null,
  requestedPage = 1,
): Promise<ModerationQueue | null> {
  if (!can(actor, "comment.moderate")) return null;
  const database = await db();
  const visible = ne(comments.status, "deleted");
  const [totalRow] = await database.select({ n: count() }).from(comments).where(visible);
  const total = totalRow?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  const rows = await database
    .select({
      id: comments.id,
      articleId: comments.articleId,
      headline: sql<string>`coalesce(${publishedArticles.headline}, ${articleRevisions.headline}, '')`,
      liveSlug: publishedArticles.slug,
      sectionSlug: sections.slug,
      authorName: comments.authorName,
      authorEmail: comments.authorEmail,
      body: comments.body,
      status: comments.status,
      parentId: comments.parentId,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .leftJoin(articleRevisions, eq(articleRevisions.id, articles.workingRevisionId))
    .leftJoin(publishedArticles, eq(publishedArticles.articleId, comments.articleId))
    .leftJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(visible)
    .orderBy(
      sql`case when ${comments.status} = 'pending' then 0 else 1 end`,
      desc(comments.createdAt),
      desc(comments.id),
    )
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE);
  return {
    items: rows.map(({ liveSlug, sectionSlug, parentId, status, ...row }) => ({
      ...row,
      status: status as QueueItem["status"],
      isReply: parentId !== null,
      articlePath: liveSlug && sectionSlug ? `/${sectionSlug}/${liveSlug}` : null,
    })),
    page,
    pageCount,
    total,
  };
}
