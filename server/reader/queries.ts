import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { publishedArticles, sections } from "@/db/schema";
import type { RelatedTeaser } from "@/lib/content/render";
import type { NodeJSON } from "@/lib/content/types";
import { db } from "../db";

/**
 * Reader queries. They read only published_articles, the read model that holds live
 * stories and nothing else (DESIGN.md invariant 4).
 */

export type StoryCard = {
  slug: string;
  sectionSlug: string;
  sectionName: string;
  headline: string;
  standfirst: string;
  byline: { name: string; slug: string }[];
  publishedAt: Date;
};

const card = {
  slug: publishedArticles.slug,
  sectionSlug: sections.slug,
  sectionName: sections.name,
  headline: publishedArticles.headline,
  standfirst: publishedArticles.standfirst,
  byline: publishedArticles.byline,
  publishedAt: publishedArticles.publishedAt,
};

export async function latestStories(limit = 30, sectionSlug?: string): Promise<StoryCard[]> {
  return (await db())
    .select(card)
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(sectionSlug ? eq(sections.slug, sectionSlug) : undefined)
    .orderBy(desc(publishedArticles.publishedAt))
    .limit(limit);
}

export async function publishedStory(sectionSlug: string, slug: string) {
  const [row] = await (await db())
    .select({
      articleId: publishedArticles.articleId,
      slug: publishedArticles.slug,
      headline: publishedArticles.headline,
      standfirst: publishedArticles.standfirst,
      dateline: publishedArticles.dateline,
      source: publishedArticles.source,
      body: publishedArticles.body,
      byline: publishedArticles.byline,
      publishedAt: publishedArticles.publishedAt,
      updatedAt: publishedArticles.updatedAt,
      sectionSlug: sections.slug,
      sectionName: sections.name,
    })
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(
      and(
        sql`lower(${publishedArticles.slug}) = ${slug.toLowerCase()}`,
        eq(sections.slug, sectionSlug),
      ),
    )
    .limit(1);
  return row ?? null;
}

function relatedIds(node: NodeJSON, out: Set<string>): Set<string> {
  if (node.type === "relatedArticle" && typeof node.attrs?.articleId === "string") {
    out.add(node.attrs.articleId);
  }
  for (const child of node.content ?? []) relatedIds(child, out);
  return out;
}

/** Current headlines of the live stories a body links to; unpublished ones are simply absent. */
export async function relatedTeasers(body: NodeJSON): Promise<Map<string, RelatedTeaser>> {
  const ids = [...relatedIds(body, new Set())];
  if (ids.length === 0) return new Map();
  const rows = await (await db())
    .select({
      id: publishedArticles.articleId,
      headline: publishedArticles.headline,
      slug: publishedArticles.slug,
      sectionSlug: sections.slug,
    })
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(inArray(publishedArticles.articleId, ids));
  return new Map(
    rows.map((r) => [r.id, { headline: r.headline, href: `/${r.sectionSlug}/${r.slug}` }]),
  );
}

export async function sectionBySlug(slug: string) {
  const [row] = await (await db()).select().from(sections).where(eq(sections.slug, slug)).limit(1);
  return row ?? null;
}
