import "server-only";
import { and, asc, desc, eq, exists, inArray, or, type SQL } from "drizzle-orm";
import { articleAuthors, articleRevisions, articles, sections } from "@/db/schema";
import type { ArticleStatus } from "@/lib/workflow/states";
import { db } from "../../db";
import { type Actor, can } from "../../policy";

export type StoryRow = {
  id: string;
  headline: string;
  status: ArticleStatus;
  section: string;
  updatedAt: Date;
  submittedAt: Date | null;
};

async function listStories(where: SQL | undefined, order: SQL[], limit = 200): Promise<StoryRow[]> {
  const database = await db();
  return database
    .select({
      id: articles.id,
      headline: articleRevisions.headline,
      status: articles.status,
      section: sections.name,
      updatedAt: articles.updatedAt,
      submittedAt: articles.submittedAt,
    })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.workingRevisionId))
    .innerJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .where(where)
    .orderBy(...order)
    .limit(limit);
}

/** The dashboard, scoped in the WHERE clause: the reporter's own stories, or for editors the newsroom's latest. */
export async function dashboardStories(actor: Actor): Promise<StoryRow[]> {
  const database = await db();
  const mine = can(actor, "article.review")
    ? undefined
    : or(
        eq(articles.createdBy, actor.id),
        exists(
          database
            .select({ one: articleAuthors.articleId })
            .from(articleAuthors)
            .where(
              and(eq(articleAuthors.articleId, articles.id), eq(articleAuthors.userId, actor.id)),
            ),
        ),
      );
  return listStories(mine, [desc(articles.updatedAt)]);
}

/** The editors' queue: stories waiting for a decision, oldest submission first. */
export async function reviewQueue(actor: Actor): Promise<StoryRow[]> {
  if (!can(actor, "article.review")) return [];
  return listStories(inArray(articles.status, ["in_review", "approved"]), [
    asc(articles.submittedAt),
  ]);
}
