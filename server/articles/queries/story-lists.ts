import "server-only";
import { and, asc, desc, eq, exists, inArray, or, type SQL, sql } from "drizzle-orm";
import { articleAuthors, articleRevisions, articles, sections } from "@/db/schema";
import type { ArticleStatus } from "@/lib/workflow/states";
import { db } from "../../db";
import { type Actor, can } from "../../policy";

export type StoryRow = {
  id: string;
  headline: string;
  status: ArticleStatus;
  updateStatus: "editing" | "in_review" | null;
  section: string;
  updatedAt: Date;
  submittedAt: Date | null;
  deadline: Date | null;
  scheduledFor: Date | null;
};

async function listStories(where: SQL | undefined, order: SQL[], limit = 200): Promise<StoryRow[]> {
  return (await db())
    .select({
      id: articles.id,
      headline: articleRevisions.headline,
      status: articles.status,
      updateStatus: articles.updateStatus,
      section: sections.name,
      updatedAt: articles.updatedAt,
      submittedAt: articles.submittedAt,
      deadline: articles.deadline,
      scheduledFor: articles.scheduledFor,
    })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.workingRevisionId))
    .innerJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .where(where)
    .orderBy(...order)
    .limit(limit);
}

/** A reporter's own and bylined stories, as a WHERE clause; editors see everything. */
async function visibleTo(actor: Actor): Promise<SQL | undefined> {
  if (can(actor, "article.review")) return undefined;
  const database = await db();
  return or(
    eq(articles.createdBy, actor.id),
    exists(
      database
        .select({ one: articleAuthors.articleId })
        .from(articleAuthors)
        .where(and(eq(articleAuthors.articleId, articles.id), eq(articleAuthors.userId, actor.id))),
    ),
  );
}

/** The dashboard: the reporter's own stories, or for editors the newsroom's latest. */
export async function dashboardStories(actor: Actor): Promise<StoryRow[]> {
  return listStories(await visibleTo(actor), [desc(articles.updatedAt)]);
}

/** Assignments waiting for this person, soonest deadline first. */
export async function myAssignments(actor: Actor): Promise<StoryRow[]> {
  return listStories(
    and(
      eq(articles.assigneeId, actor.id),
      inArray(articles.status, ["draft", "changes_requested"]),
    ),
    [asc(articles.deadline)],
  );
}

export const QUEUE_STATUSES = [
  "in_review",
  "approved",
  "scheduled",
  "changes_requested",
  "update",
] as const;
export type QueueFilter = {
  section?: string;
  status?: (typeof QUEUE_STATUSES)[number];
  sort?: "submitted" | "deadline";
};

/**
 * The editors' queue: stories waiting for a decision (and live stories whose update is in
 * review), filtered by section and status, sorted by submission or deadline.
 */
export async function reviewQueue(actor: Actor, filter: QueueFilter = {}): Promise<StoryRow[]> {
  if (!can(actor, "article.review")) return [];
  const waiting = or(
    inArray(articles.status, ["in_review", "approved", "scheduled"]),
    and(eq(articles.status, "published"), eq(articles.updateStatus, "in_review")),
  );
  const byStatus =
    filter.status === "update"
      ? and(eq(articles.status, "published"), eq(articles.updateStatus, "in_review"))
      : filter.status
        ? eq(articles.status, filter.status)
        : waiting;
  const bySection = filter.section ? eq(sections.slug, filter.section) : undefined;
  const order =
    filter.sort === "deadline"
      ? [sql`${articles.deadline} asc nulls last`, asc(articles.submittedAt)]
      : [sql`${articles.submittedAt} asc nulls last`];
  return listStories(and(byStatus, bySection), order);
}
