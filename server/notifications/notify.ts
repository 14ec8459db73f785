import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { articleAuthors, notifications, users } from "@/db/schema";

export type NotificationInput = {
  kind: string;
  articleId?: string | null;
  actorId?: string | null;
  message: string;
  /** Same key for the same event: a retry or a second worker cannot notify twice. */
  dedupeKey: string;
};

/** Sends an in-app notification to each user (never to the actor), at most once per key. */
export async function notifyUsers(tx: Executor, userIds: string[], input: NotificationInput) {
  const recipients = [...new Set(userIds)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return;
  await tx
    .insert(notifications)
    .values(
      recipients.map((userId) => ({
        userId,
        kind: input.kind,
        articleId: input.articleId ?? null,
        actorId: input.actorId ?? null,
        message: input.message,
        dedupeKey: input.dedupeKey,
      })),
    )
    .onConflictDoNothing();
}

export async function editorIds(tx: Executor): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ["editor", "admin"])));
  return rows.map((r) => r.id);
}

export async function bylineIds(tx: Executor, articleId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: articleAuthors.userId })
    .from(articleAuthors)
    .innerJoin(users, eq(users.id, articleAuthors.userId))
    .where(and(eq(articleAuthors.articleId, articleId), ne(users.active, false)));
  return rows.map((r) => r.id);
}
