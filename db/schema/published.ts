import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { DocJSON } from "../../lib/content/types";
import { articleRevisions, articles } from "./articles";
import { sections } from "./sections";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export type BylineEntry = { id: string; name: string; slug: string };
export type TagEntry = { slug: string; name: string };
/** The featured image as readers get it: alt, caption, credit and the server's renditions. */
export type FeaturedImage = {
  mediaId: string;
  alt: string;
  caption: string;
  credit: string;
  width: number;
  height: number;
  variants: { width: number; format: string; src: string }[];
};

/**
 * The reader site's read model: one row per live story, written in the same transaction
 * as the publication and deleted by unpublish. Reader queries touch only this table, so
 * nothing unpublished can reach a reader by construction (DESIGN.md invariant 4).
 */
export const publishedArticles = pgTable(
  "published_articles",
  {
    articleId: uuid("article_id")
      .primaryKey()
      .references(() => articles.id),
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => articleRevisions.id),
    slug: text("slug").notNull(),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id),
    headline: text("headline").notNull(),
    standfirst: text("standfirst").notNull(),
    dateline: text("dateline").notNull(),
    source: text("source").notNull(),
    body: jsonb("body").$type<DocJSON>().notNull(),
    bodyText: text("body_text").notNull(),
    byline: jsonb("byline").$type<BylineEntry[]>().notNull(),
    tags: jsonb("tags").$type<TagEntry[]>().notNull().default([]),
    featuredImage: jsonb("featured_image").$type<FeaturedImage | null>(),
    seoTitle: text("seo_title").notNull().default(""),
    seoDescription: text("seo_description").notNull().default(""),
    commentsOpen: boolean("comments_open").notNull().default(true),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("published_articles_slug_lower_idx").on(sql`lower(${t.slug})`),
    index("published_articles_published_idx").on(t.publishedAt),
    index("published_articles_section_idx").on(t.sectionId, t.publishedAt),
    // Tag and author pages filter with `@>` containment; jsonb_path_ops keeps these small.
    index("published_articles_tags_idx").using("gin", sql`${t.tags} jsonb_path_ops`),
    index("published_articles_byline_idx").using("gin", sql`${t.byline} jsonb_path_ops`),
  ],
);

export type PublishedArticle = typeof publishedArticles.$inferSelect;

/**
 * Reader search's own copy of each live story, written by a trigger on published_articles
 * (migration 0006) so every writer — publishing, the bench's bulk loader, an operator's SQL —
 * keeps it in step. It is narrow on purpose: search visits hundreds of rows a query, and
 * these fit in PostgreSQL's shared buffers where published_articles' wide rows do not.
 *
 * `search_vector` is headline (weight A), standfirst (B) and body (C, capped so a 1 MB story
 * stays under PostgreSQL's tsvector limit), plus lexemes naming the UTC date of publication in
 * aligned blocks of 1, 2, 4 … days (`b0 46352`, `b1 23176`, …). They contain a space, which no
 * reader's query can produce, and let one GIN lookup find the matches within a span of dates
 * (server/reader/search-windows.ts). `title_vector` (headline and standfirst) ranks them.
 */
export const searchDocuments = pgTable(
  "search_documents",
  {
    articleId: uuid("article_id")
      .primaryKey()
      .references(() => publishedArticles.articleId, { onDelete: "cascade" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    titleVector: tsvector("title_vector").notNull(),
    searchVector: tsvector("search_vector").notNull(),
  },
  (t) => [index("search_documents_vector_idx").using("gin", t.searchVector)],
);
