import "server-only";
import { and, asc, eq, lte } from "drizzle-orm";
import { articles } from "@/db/schema";
import { db } from "../db";
import { loadArticle } from "./load";
import { applyTransition } from "./transition";

/**
 * Publishes stories whose scheduled time has come. Each story is claimed with
 * `FOR UPDATE SKIP LOCKED` in its own transaction and published only from `scheduled`,
 * so with any number of instances polling, each story goes live exactly once.
 */
export async function publishDueStories(now = new Date(), max = 50): Promise<number> {
  const database = await db();
  let published = 0;
  while (published < max) {
    const claimed = await database.transaction(async (tx) => {
      const [due] = await tx
        .select({ id: articles.id })
        .from(articles)
        .where(and(eq(articles.status, "scheduled"), lte(articles.scheduledFor, now)))
        .orderBy(asc(articles.scheduledFor))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!due) return false;
      const loaded = await loadArticle(tx, due.id);
      if (!loaded) return false;
      await applyTransition(
        tx,
        null,
        loaded,
        "publish",
        { fromStatus: "scheduled", note: "" },
        now,
      );
      return true;
    });
    if (!claimed) break;
    published++;
  }
  return published;
}
