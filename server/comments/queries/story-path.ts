import "server-only";
import { eq } from "drizzle-orm";
import { publishedArticles, sections } from "@/db/schema";
import { db } from "../../db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where a live story is read, `/{section}/{slug}`: where the comment form's post goes back
 * to. Derived from the story id on the server, never taken from the form (no open redirect).
 */
export async function liveStoryPath(articleId: unknown): Promise<string | null> {
  if (typeof articleId !== "string" || !UUID.test(articleId)) return null;
  const [row] = await (await db())
    .select({ slug: publishedArticles.slug, section: sections.slug })
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(eq(publishedArticles.articleId, articleId))
    .limit(1);
  return row ? storyPath(row.section, row.slug) : null;
}

/** `/{section}/{slug}`, the reader site's address of a story (as lib/reader/paths has it). */
export function storyPath(section: string, slug: string): string {
  return `/${section}/${slug}`;
}
