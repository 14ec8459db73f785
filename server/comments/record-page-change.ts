import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { publishedArticles, sections } from "@/db/schema";
import { recordReaderChange } from "../cache/record-change";
import { storyPath } from "./queries/story-path";

/**
 * A moderation decision changed what a live story's page shows (its comments, their count,
 * or the form): queue the page for the caches, in the same transaction, the way story
 * transitions do (server/cache/record-change.ts). Nothing to purge for a story not live.
 */
export async function recordCommentsPageChange(tx: Executor, articleId: string): Promise<void> {
  const [live] = await tx
    .select({ slug: publishedArticles.slug, section: sections.slug })
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(eq(publishedArticles.articleId, articleId));
  if (!live) return;
  await recordReaderChange(
    tx,
    { all: false, paths: [storyPath(live.section, live.slug).toLowerCase()], keys: [] },
    { articleId },
  );
}
