import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { articles, users } from "@/db/schema";
import { recordEvent } from "../../audit";
import { defineCommand, id } from "../../command";
import { notifyUsers } from "../../notifications/notify";
import { articleScope, lockArticle } from "../load";

/** A lock whose holder has not sent a heartbeat for this long is free to take. */
export const LOCK_STALE_MS = 60_000;

export type LockState = { mine: boolean; holder: string | null; since: string | null };

/**
 * Soft edit lock with heartbeat: tells others "{name} is editing". It never blocks a save
 * (the version check does that job); taking over is allowed and the first holder is told.
 */
export const claimEditLock = defineCommand({
  name: "claimEditLock",
  permission: "article.edit",
  input: z.strictObject({ id, takeOver: z.boolean().default(false) }),
  load: lockArticle,
  scope: articleScope,
  async run({ actor, tx, resource }, input): Promise<LockState> {
    const { article } = resource;
    const me = actor!;
    const now = new Date();
    const stale =
      !article.lockHeartbeatAt || now.getTime() - article.lockHeartbeatAt.getTime() > LOCK_STALE_MS;
    const heldByOther = article.lockedBy !== null && article.lockedBy !== me.id && !stale;
    if (heldByOther && !input.takeOver) {
      const [holder] = await tx
        .select({ name: users.name })
        .from(users)
        .where(eq(users.id, article.lockedBy!));
      return {
        mine: false,
        holder: holder?.name ?? "Someone",
        since: article.lockHeartbeatAt!.toISOString(),
      };
    }
    await tx
      .update(articles)
      .set({ lockedBy: me.id, lockHeartbeatAt: now })
      .where(eq(articles.id, article.id));
    if (heldByOther) {
      await recordEvent(tx, {
        articleId: article.id,
        actorId: me.id,
        action: "lock_taken_over",
        detail: { from: article.lockedBy },
      });
      await notifyUsers(tx, [article.lockedBy!], {
        kind: "lock_taken_over",
        articleId: article.id,
        actorId: me.id,
        message: `${me.name} took over editing a story you had open.`,
        dedupeKey: `lock:${article.id}:${now.getTime()}`,
      });
    }
    return { mine: true, holder: me.name, since: now.toISOString() };
  },
});

export const releaseEditLock = defineCommand({
  name: "releaseEditLock",
  permission: "article.view",
  input: z.strictObject({ id }),
  load: lockArticle,
  scope: articleScope,
  async run({ actor, tx, resource }) {
    if (resource.article.lockedBy === actor!.id) {
      await tx
        .update(articles)
        .set({ lockedBy: null, lockHeartbeatAt: null })
        .where(eq(articles.id, resource.article.id));
    }
    return { released: true };
  },
});
