import "server-only";
import { desc, eq, inArray, sql } from "drizzle-orm";
import { articles, publishedArticles, sections } from "@/db/schema";
import { db } from "../../db";

export type RelatedOption = { id: string; headline: string; path: string };

/** Escapes LIKE wildcards so a search for "50%" means the text, not a pattern. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Published stories whose headline contains the words typed, newest first. */
export async function findPublishedByHeadline(query: string, limit = 10): Promise<RelatedOption[]> {
  const q = query.replaceAll("\u0000", "").trim().slice(0, 200);
  const rows = await (await db())
    .select({
      id: publishedArticles.articleId,
      headline: publishedArticles.headline,
      slug: publishedArticles.slug,
      section: sections.slug,
    })
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(q ? sql`${publishedArticles.headline} ilike ${`%${likeEscape(q)}%`}` : undefined)
    .orderBy(desc(publishedArticles.publishedAt))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, headline: r.headline, path: `/${r.section}/${r.slug}` }));
}

export type RelatedStatus = { id: string; headline: string; live: boolean };

/**
 * What the editor shows in a related-story node: the story's current headline and whether
 * readers can see it. Stories that are not live come back with no headline.
 */
export async function relatedStatuses(ids: string[]): Promise<RelatedStatus[]> {
  const unique = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id)).slice(0, 200);
  if (unique.length === 0) return [];
  const rows = await (await db())
    .select({
      id: articles.id,
      live: publishedArticles.headline,
    })
    .from(articles)
    .leftJoin(publishedArticles, eq(publishedArticles.articleId, articles.id))
    .where(inArray(articles.id, unique));
  const found = new Map(rows.map((r) => [r.id, r]));
  return unique.map((id) => {
    const row = found.get(id);
    // Only a live headline: a story the actor may not see must not leak its working title.
    return { id, headline: row?.live ?? "", live: Boolean(row?.live) };
  });
}
