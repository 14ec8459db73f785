import "server-only";
import { and, asc, desc, eq, lte, ne, sql } from "drizzle-orm";
import {
  type BylineEntry,
  type FeaturedImage,
  media,
  publishedArticles,
  sections,
  type TagEntry,
  users,
} from "@/db/schema";
import { toFeaturedImage } from "../media/media-item";
import { prepared } from "./prepared";

export type { BylineEntry, FeaturedImage, TagEntry };

/**
 * Reader queries for lists: fronts, sections, tags, authors. Like every query in
 * server/reader/ they read the read model `published_articles` (live stories and nothing
 * else: DESIGN.md invariant 4) plus sections, tags, users and corrections; never the
 * newsroom's articles or revisions, so a draft, an embargoed or a killed story cannot leak.
 */

export type StoryCard = {
  articleId: string;
  slug: string;
  headline: string;
  standfirst: string;
  byline: BylineEntry[];
  featuredImage: FeaturedImage | null;
  publishedAt: Date;
  updatedAt: Date;
  sectionSlug: string;
  sectionName: string;
};

export type NavSection = { id: string; slug: string; name: string; description: string };

const ph = sql.placeholder;

/** The columns of a story card: one place, so every list (and search) shows the same thing. */
export const storyCardColumns = {
  articleId: publishedArticles.articleId,
  slug: publishedArticles.slug,
  headline: publishedArticles.headline,
  standfirst: publishedArticles.standfirst,
  byline: publishedArticles.byline,
  featuredImage: publishedArticles.featuredImage,
  publishedAt: publishedArticles.publishedAt,
  updatedAt: publishedArticles.updatedAt,
  sectionSlug: sections.slug,
  sectionName: sections.name,
};

const navStatement = prepared("reader_nav_sections", (db) =>
  db
    .select({
      id: sections.id,
      slug: sections.slug,
      name: sections.name,
      description: sections.description,
    })
    .from(sections)
    .orderBy(asc(sections.position), asc(sections.name))
    .prepare("reader_nav_sections"),
);

/** Sections in the order editors gave them: the site's navigation. */
export async function navSections(): Promise<NavSection[]> {
  return (await navStatement()).execute();
}

const latestStatement = prepared("reader_latest", (db) =>
  db
    .select(storyCardColumns)
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .orderBy(desc(publishedArticles.publishedAt), desc(publishedArticles.articleId))
    .limit(ph("limit"))
    .prepare("reader_latest"),
);

export async function latestStories(limit: number): Promise<StoryCard[]> {
  return (await latestStatement()).execute({ limit });
}

const railsStatement = prepared("reader_rails", (db) => {
  const ranked = db
    .select({
      articleId: sql<string>`${publishedArticles.articleId}`.as("r_article_id"),
      rn: sql<number>`row_number() over (partition by ${publishedArticles.sectionId} order by ${publishedArticles.publishedAt} desc, ${publishedArticles.articleId} desc)`.as(
        "r_rn",
      ),
    })
    .from(publishedArticles)
    .as("ranked");
  return db
    .select(storyCardColumns)
    .from(ranked)
    .innerJoin(publishedArticles, eq(publishedArticles.articleId, ranked.articleId))
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(lte(ranked.rn, ph("perSection")))
    .orderBy(
      asc(sections.position),
      asc(sections.name),
      desc(publishedArticles.publishedAt),
      desc(publishedArticles.articleId),
    )
    .prepare("reader_rails");
});

/** The newest `perSection` stories of every section, in one query (the home page's rails). */
export async function sectionRails(perSection: number): Promise<StoryCard[]> {
  return (await railsStatement()).execute({ perSection });
}

const sectionStatement = prepared("reader_section_by_slug", (db) =>
  db
    .select({
      id: sections.id,
      slug: sections.slug,
      name: sections.name,
      description: sections.description,
    })
    .from(sections)
    .where(eq(sections.slug, ph("slug")))
    .limit(1)
    .prepare("reader_section_by_slug"),
);

export async function sectionBySlug(slug: string): Promise<NavSection | null> {
  const [row] = await (await sectionStatement()).execute({ slug: slug.toLowerCase() });
  return row ?? null;
}

export type Paged<T> = { items: T[]; total: number };

type Counted = StoryCard & { total: number };
const withTotal = { ...storyCardColumns, total: sql<number>`(count(*) over ())::int` };

function paged(rows: Counted[]): Paged<StoryCard> {
  return {
    items: rows.map(({ total: _total, ...rest }) => rest),
    total: rows[0]?.total ?? 0,
  };
}

const sectionStoriesStatement = prepared("reader_section_stories", (db) =>
  db
    .select(withTotal)
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(eq(publishedArticles.sectionId, ph("sectionId")))
    .orderBy(desc(publishedArticles.publishedAt), desc(publishedArticles.articleId))
    .limit(ph("limit"))
    .offset(ph("offset"))
    .prepare("reader_section_stories"),
);

export async function sectionStories(
  sectionId: string,
  page: number,
  perPage: number,
): Promise<Paged<StoryCard>> {
  const rows = await (await sectionStoriesStatement()).execute({
    sectionId,
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  return paged(rows);
}

const moreStatement = prepared("reader_more_in_section", (db) =>
  db
    .select(storyCardColumns)
    .from(publishedArticles)
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .where(
      and(
        eq(publishedArticles.sectionId, ph("sectionId")),
        ne(publishedArticles.articleId, ph("articleId")),
      ),
    )
    .orderBy(desc(publishedArticles.publishedAt), desc(publishedArticles.articleId))
    .limit(ph("limit"))
    .prepare("reader_more_in_section"),
);

/** "More in {section}": the section's newest stories other than this one. */
export async function moreInSection(
  sectionId: string,
  articleId: string,
  limit = 4,
): Promise<StoryCard[]> {
  return (await moreStatement()).execute({ sectionId, articleId, limit });
}

/**
 * One page of live stories whose jsonb `column` contains the given fragment (`@>`, served by
 * the column's GIN index): tag pages match `[{slug}]` in tags, author pages `[{id}]` in bylines.
 */
const containing = (
  name: string,
  column: typeof publishedArticles.tags | typeof publishedArticles.byline,
) =>
  prepared(name, (db) =>
    db
      .select({ ...withTotal, tags: publishedArticles.tags })
      .from(publishedArticles)
      .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
      .where(sql`${column} @> ${ph("match")}::jsonb`)
      .orderBy(desc(publishedArticles.publishedAt), desc(publishedArticles.articleId))
      .limit(ph("limit"))
      .offset(ph("offset"))
      .prepare(name),
  );

const tagStatement = containing("reader_tag_stories", publishedArticles.tags);

/**
 * Live stories carrying a tag, and the tag's name as those stories give it. A tag that only
 * drafts carry does not exist for readers (its name could give an embargoed story away).
 */
export async function tagStories(
  tagSlug: string,
  page: number,
  perPage: number,
): Promise<Paged<StoryCard> & { tag: TagEntry | null }> {
  const slug = tagSlug.toLowerCase();
  const rows = await (await tagStatement()).execute({
    match: JSON.stringify([{ slug }]),
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  const tag = rows[0]?.tags.find((t) => t.slug === slug) ?? null;
  return { ...paged(rows.map(({ tags: _tags, ...rest }) => rest)), tag };
}

export type Author = {
  id: string;
  slug: string;
  name: string;
  bio: string;
  avatar: FeaturedImage | null;
};

const authorStatement = prepared("reader_author_by_slug", (db) =>
  db
    // Public fields only: never the e-mail address, role or anything about the account.
    .select({ id: users.id, slug: users.slug, name: users.name, bio: users.bio, avatar: media })
    .from(users)
    .leftJoin(media, eq(media.id, users.avatarMediaId))
    .where(eq(users.slug, ph("slug")))
    .limit(1)
    .prepare("reader_author_by_slug"),
);

const authorStoriesStatement = containing("reader_author_stories", publishedArticles.byline);

/**
 * A member of staff as readers see them, with their live stories. Someone with no live
 * story has no public page: staff who only write drafts are not listed to the world.
 */
export async function authorWithStories(
  authorSlug: string,
  page: number,
  perPage: number,
): Promise<(Paged<StoryCard> & { author: Author }) | null> {
  const [row] = await (await authorStatement()).execute({ slug: authorSlug.toLowerCase() });
  if (!row) return null;
  const author: Author = { ...row, avatar: row.avatar ? toFeaturedImage(row.avatar) : null };
  const rows = await (await authorStoriesStatement()).execute({
    match: JSON.stringify([{ id: author.id }]),
    limit: perPage,
    offset: (page - 1) * perPage,
  });
  const result = paged(rows.map(({ tags: _tags, ...rest }) => rest));
  if (result.total === 0 && page === 1) return null;
  return { ...result, author };
}
