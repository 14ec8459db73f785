import "server-only";
import { count, eq } from "drizzle-orm";
import { comments } from "@/db/schema";
import { db } from "../../db";
import { type Actor, can } from "../../policy";

/** Comments waiting for a moderator, for the newsroom header; null for non-moderators. */
export async function pendingCommentCount(actor: Actor | null): Promise<number | null> {
  if (!can(actor, "comment.moderate")) return null;
  const [row] = await (await db())
    .select({ n: count() })
    .from(comments)
    .where(eq(comments.status, "pending"));
  return row?.n ?? 0;
}
