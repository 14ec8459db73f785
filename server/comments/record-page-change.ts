import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { outbox, publishedArticles, sections } from "@/db/schema";
import { storyPath } from "./queries/story-path";

/**
 * A moderation decision changed what a live story's page shows (its comments, their count,
 * or the form): queue the page for the cache purger, in the same transaction, the way
 * story transitions do (topic "story.changed"). Nothing to purge for a story not live.
 */
export async function recordCommentsPageChange(tx: Executor, articleId: string): Promise<void> {
  const [live] = await tx
    .select({ slug: publishedArticles.slug, section: sections.slug })
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(eq(publishedArticles.articleId, articleId));
  if (!live) return;
  await tx.insert(outbox).values({
    topic: "story.changed",
    payload: JSON.stringify({ articleId, paths: [storyPath(live.section, live.slug)] }),
  });
}
