import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { articleRevisions, articles } from "./articles";
import { users } from "./users";

/** The staff-only thread on a story. Never read by any reader query. */
export const editorialNotes = pgTable(
  "editorial_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull().default("note"),
    body: text("body").notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("editorial_notes_article_idx").on(t.articleId, t.createdAt)],
);

/**
 * In-app notifications. `dedupeKey` makes delivery idempotent: a retried or concurrent
 * publication cannot notify the same person twice for the same event.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    articleId: uuid("article_id").references(() => articles.id),
    actorId: uuid("actor_id").references(() => users.id),
    message: text("message").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_idx").on(t.userId, t.dedupeKey),
    index("notifications_unread_idx").on(t.userId, t.createdAt).where(sql`read_at is null`),
  ],
);

export const correctionKind = pgEnum("correction_kind", ["correction", "clarification", "update"]);

/** Corrections attached when an update is published; shown on the article and /corrections. */
export const corrections = pgTable(
  "corrections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id),
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => articleRevisions.id),
    kind: correctionKind("kind").notNull(),
    note: text("note").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("corrections_article_idx").on(t.articleId, t.createdAt),
    index("corrections_created_idx").on(t.createdAt),
  ],
);

/** Old slugs of a story, answered with a permanent redirect to the current one. */
export const slugRedirects = pgTable("slug_redirects", {
  slug: text("slug").primaryKey(),
  articleId: uuid("article_id")
    .notNull()
    .references(() => articles.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Side effects of a committed change (cache purges, e-mail), written in the same
 * transaction as the change and processed afterwards, idempotently (THREATS.md row 35).
 */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    topic: text("topic").notNull(),
    payload: text("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [index("outbox_pending_idx").on(t.createdAt).where(sql`processed_at is null`)],
);

export type EditorialNote = typeof editorialNotes.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type Correction = typeof corrections.$inferSelect;
