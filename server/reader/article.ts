import "server-only";
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import { articles, corrections, publishedArticles, sections, slugRedirects } from "@/db/schema";
import type { RelatedTeaser } from "@/lib/content/render";
import type { NodeJSON } from "@/lib/content/types";
import { articlePath } from "@/lib/reader/paths";
import { db } from "../db";
import { prepared } from "./prepared";

/**
 * The article page's queries. The story itself comes from the read model only; the single
 * look at the newsroom's `articles` table reads status and slug, to answer 410 Gone for a
 * story that was unpublished (nothing of its content is read).
 */

const ph = sql.placeholder;

const storyStatement = prepared("reader_story_by_slug", (database) =>
  database
    .select({
      articleId: publishedArticles.articleId,
      revisionId: publishedArticles.revisionId,
      slug: publishedArticles.slug,
      headline: publishedArticles.headline,
      standfirst: publishedArticles.standfirst,
      dateline: publishedArticles.dateline,
      source: publishedArticles.source,
      body: publishedArticles.body,
      byline: publishedArticles.byline,
      tags: publishedArticles.tags,
      featuredImage: publishedArticles.featuredImage,
      seoTitle: publishedArticles.seoTitle,
      seoDescription: publishedArticles.seoDescription,
      commentsOpen: publishedArticles.commentsOpen,
      publishedAt: publishedArticles.publishedAt,
      updatedAt: publishedArticles.updatedAt,
      sectionId: sections.id,
      sectionSlug: sections.slug,
      sectionName: sections.name,
    })
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(sql`lower(${publishedArticles.slug}) = ${ph("slug")}`)
    .limit(1)
    .prepare("reader_story_by_slug"),
);

export type Story = NonNullable<Awaited<ReturnType<typeof liveStoryBySlug>>>;

/** The live story with this slug (slugs are unique across sections), or null. */
export async function liveStoryBySlug(slug: string) {
  const [row] = await (await storyStatement()).execute({ slug: slug.toLowerCase() });
  return row ?? null;
}

const correctionsStatement = prepared("reader_story_corrections", (database) =>
  database
    .select({ kind: corrections.kind, note: corrections.note, createdAt: corrections.createdAt })
    .from(corrections)
    .where(eq(corrections.articleId, ph("articleId")))
    .orderBy(asc(corrections.createdAt))
    .prepare("reader_story_corrections"),
);

export type StoryCorrection = { kind: string; note: string; createdAt: Date };

/** Corrections of a live story, oldest first (they are written when an update is published). */
export async function storyCorrections(articleId: string): Promise<StoryCorrection[]> {
  return (await correctionsStatement()).execute({ articleId });
}

const goneStatement = prepared("reader_gone", (database) =>
  database
    .select({ status: articles.status })
    .from(articles)
    .where(
      and(
        eq(articles.status, "unpublished"),
        or(
          sql`lower(${articles.slug}) = ${ph("slug")}`,
          // The address it had when it was taken down, if its slug changed since.
          sql`${articles.id} in (select ${slugRedirects.articleId} from ${slugRedirects} where ${slugRedirects.slug} = ${ph("slug")})`,
        ),
      ),
    )
    .limit(1)
    .prepare("reader_gone"),
);

/** Was a story with this address taken down? (Status and slug only: the 410 Gone answer.) */
export async function wasUnpublished(slug: string): Promise<boolean> {
  const rows = await (await goneStatement()).execute({ slug: slug.toLowerCase() });
  return rows.length > 0;
}

/** Where an old slug of a live story now lives (301), or null. */
export async function redirectForOldSlug(slug: string): Promise<string | null> {
  const [row] = await (await db())
    .select({ slug: publishedArticles.slug, sectionSlug: sections.slug })
    .from(slugRedirects)
    .innerJoin(publishedArticles, eq(publishedArticles.articleId, slugRedirects.articleId))
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(eq(slugRedirects.slug, slug.toLowerCase()))
    .limit(1);
  return row ? articlePath(row.sectionSlug, row.slug) : null;
}

function relatedIds(node: NodeJSON, out: Set<string>): Set<string> {
  if (node.type === "relatedArticle" && typeof node.attrs?.articleId === "string") {
    out.add(node.attrs.articleId);
  }
  for (const child of node.content ?? []) relatedIds(child, out);
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The stories a body links to as related teasers, live or not (at most 50). */
export function relatedStoryIds(body: NodeJSON): string[] {
  return [...relatedIds(body, new Set())].filter((id) => UUID.test(id)).slice(0, 50);
}

/** Current headlines of the live stories a body links to; unpublished ones are simply absent. */
export async function relatedTeasers(body: NodeJSON): Promise<Map<string, RelatedTeaser>> {
  const ids = relatedStoryIds(body);
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
    rows.map((r) => [r.id, { headline: r.headline, href: articlePath(r.sectionSlug, r.slug) }]),
  );
}

export type CorrectionListing = StoryCorrection & {
  headline: string;
  slug: string;
  sectionSlug: string;
};

/** `/corrections`: every correction of a live story, newest first. */
export async function allCorrections(
  page: number,
  perPage: number,
): Promise<{ items: CorrectionListing[]; total: number }> {
  const rows = await (await db())
    .select({
      kind: corrections.kind,
      note: corrections.note,
      createdAt: corrections.createdAt,
      headline: publishedArticles.headline,
      slug: publishedArticles.slug,
      sectionSlug: sections.slug,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(corrections)
    // Only stories that are live: a taken-down story's corrections go with it.
    .innerJoin(publishedArticles, eq(publishedArticles.articleId, corrections.articleId))
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .orderBy(desc(corrections.createdAt), desc(corrections.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  return {
    items: rows.map(({ total: _t, ...rest }) => rest),
    total: rows[0]?.total ?? 0,
  };
}
