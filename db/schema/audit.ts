import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { articles } from "./articles";
import { users } from "./users";

/**
 * The audit trail: who did what, when, from which state. A trigger (migration
 * 0001_audit_append_only) makes the database itself refuse UPDATE and DELETE here.
 */
export const workflowEvents = pgTable(
  "workflow_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    articleId: uuid("article_id").references(() => articles.id),
    actorId: uuid("actor_id").references(() => users.id),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    note: text("note").notNull().default(""),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Hash chain: each row's hash covers its content and the previous row's hash. */
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("workflow_events_article_idx").on(t.articleId, t.id),
    index("workflow_events_created_idx").on(t.createdAt),
  ],
);

export type WorkflowEvent = typeof workflowEvents.$inferSelect;
