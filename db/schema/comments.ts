import {
  type AnyPgColumn,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { articles } from "./articles";
import { users } from "./users";

export const commentStatus = pgEnum("comment_status", ["pending", "approved", "spam", "deleted"]);

/** Reader comments: plain text, held for moderation, threaded by parent. */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id),
    parentId: uuid("parent_id").references((): AnyPgColumn => comments.id),
    authorName: text("author_name").notNull(),
    /** Never displayed; for the moderators' eyes only. */
    authorEmail: text("author_email").notNull(),
    body: text("body").notNull(),
    /** sha256 of body, for duplicate detection. */
    bodyHash: text("body_hash").notNull(),
    /** Keyed hash of the poster's IP: enough for rate limits, not a stored address. */
    ipHash: text("ip_hash").notNull(),
    status: commentStatus("status").notNull().default("pending"),
    moderatedBy: uuid("moderated_by").references(() => users.id),
    moderatedAt: timestamp("moderated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("comments_article_idx").on(t.articleId, t.status, t.createdAt),
    index("comments_status_idx").on(t.status, t.createdAt),
    index("comments_ip_idx").on(t.ipHash, t.createdAt),
  ],
);

export type Comment = typeof comments.$inferSelect;
