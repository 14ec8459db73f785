import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { notifications, users } from "@/db/schema";
import { db } from "../db";
import type { Actor } from "../policy";

export async function unreadCount(actor: Actor): Promise<number> {
  const [row] = await (await db())
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The actor's own notifications only: the user id is in the WHERE clause. */
export async function listNotifications(actor: Actor, limit = 100) {
  return (await db())
    .select({
      id: notifications.id,
      kind: notifications.kind,
      message: notifications.message,
      articleId: notifications.articleId,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      actorName: users.name,
    })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(eq(notifications.userId, actor.id))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
}
