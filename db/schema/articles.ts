import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { DocJSON } from "../../lib/content/types";
import { ARTICLE_STATUSES } from "../../lib/workflow/states";
import { sections } from "./sections";
import { users } from "./users";

export const articleStatus = pgEnum("article_status", ARTICLE_STATUSES);
export const revisionKind = pgEnum("revision_kind", ["autosave", "manual", "restore"]);
/**
 * Where an update to a live story stands. Null: the working copy is the published one (or
 * the story is not live). Editing: someone is changing it. In review: a reporter's update
 * waits for an editor. The live page keeps the published revision throughout.
 */
export const updateStatus = pgEnum("update_status", ["editing", "in_review"]);

/**
 * The story itself: identity, lifecycle and pointers to its working and published revisions.
 * `version` is the optimistic-concurrency counter every save must quote.
 */
export const articles = pgTable(
  "articles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    /** Once a person edits the slug by hand it stops following the headline. */
    slugManual: boolean("slug_manual").notNull().default(false),
    status: articleStatus("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    workingRevisionId: uuid("working_revision_id").references(
      (): AnyPgColumn => articleRevisions.id,
    ),
    publishedRevisionId: uuid("published_revision_id").references(
      (): AnyPgColumn => articleRevisions.id,
    ),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    firstPublishedAt: timestamp("first_published_at", { withTimezone: true }),
    lastPublishedAt: timestamp("last_published_at", { withTimezone: true }),
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }),
    unpublishedAt: timestamp("unpublished_at", { withTimezone: true }),
    updateStatus: updateStatus("update_status"),
    commentsOpen: boolean("comments_open").notNull().default(true),
    /** Assignment: an editor's story slot for a reporter, with a deadline and a brief. */
    assigneeId: uuid("assignee_id").references(() => users.id),
    assignedBy: uuid("assigned_by").references(() => users.id),
    deadline: timestamp("deadline", { withTimezone: true }),
    brief: text("brief").notNull().default(""),
    /** Soft lock: who has the story open for editing, refreshed by a heartbeat. */
    lockedBy: uuid("locked_by").references(() => users.id),
    lockHeartbeatAt: timestamp("lock_heartbeat_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("articles_slug_lower_idx").on(sql`lower(${t.slug})`),
    index("articles_status_idx").on(t.status, t.updatedAt),
    index("articles_created_by_idx").on(t.createdBy),
    index("articles_assignee_idx").on(t.assigneeId),
    index("articles_scheduled_idx").on(t.scheduledFor).where(sql`status = 'scheduled'`),
  ],
);

/** Append-only: every save adds one; nothing updates or deletes them. */
export const articleRevisions = pgTable(
  "article_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references((): AnyPgColumn => articles.id),
    number: integer("number").notNull(),
    kind: revisionKind("kind").notNull().default("manual"),
    headline: text("headline").notNull(),
    standfirst: text("standfirst").notNull().default(""),
    dateline: text("dateline").notNull().default(""),
    source: text("source").notNull().default(""),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id),
    body: jsonb("body").$type<DocJSON>().notNull(),
    bodyText: text("body_text").notNull().default(""),
    seoTitle: text("seo_title").notNull().default(""),
    seoDescription: text("seo_description").notNull().default(""),
    featuredMediaId: uuid("featured_media_id"),
    /** Byline and tags as they were at this revision, for diffs and the published copy. */
    authorIds: uuid("author_ids").array().notNull().default(sql`'{}'::uuid[]`),
    tagIds: uuid("tag_ids").array().notNull().default(sql`'{}'::uuid[]`),
    wordCount: integer("word_count").notNull().default(0),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("article_revisions_article_number_idx").on(t.articleId, t.number)],
);

/** Bylines, in order. Changed only by commands that own bylines, never by a body save. */
export const articleAuthors = pgTable(
  "article_authors",
  {
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.userId] }),
    index("article_authors_user_idx").on(t.userId),
  ],
);

export type Article = typeof articles.$inferSelect;
export type ArticleRevision = typeof articleRevisions.$inferSelect;
