import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { articles, publishedArticles } from "@/db/schema";
import { recordEvent } from "../audit";
import { defineCommand, id } from "../command";
import { recordCommentsPageChange } from "./record-page-change";

/**
 * Opens or closes comments on a story (editors and admins): the story's own flag, and the
 * reader site's copy of it when the story is live, in one transaction with the audit row.
 */
export const setCommentsOpen = defineCommand({
  name: "setCommentsOpen",
  permission: "comment.moderate",
  input: z.strictObject({ articleId: id, open: z.boolean() }),
  async load(tx, { articleId }) {
    const [row] = await tx
      .select({ id: articles.id, commentsOpen: articles.commentsOpen })
      .from(articles)
      .where(eq(articles.id, articleId))
      .for("update");
    return row ?? null;
  },
  async run({ actor, tx, resource: article }, { open }) {
    // The reader site's copy follows (and is repaired if it had drifted, e.g. by a republish).
    const pageChanged = await tx
      .update(publishedArticles)
      .set({ commentsOpen: open })
      .where(
        and(eq(publishedArticles.articleId, article.id), ne(publishedArticles.commentsOpen, open)),
      )
      .returning({ id: publishedArticles.articleId });
    if (pageChanged.length > 0) await recordCommentsPageChange(tx, article.id);
    if (article.commentsOpen === open) return { open };
    await tx.update(articles).set({ commentsOpen: open }).where(eq(articles.id, article.id));
    await recordEvent(tx, {
      articleId: article.id,
      actorId: actor!.id,
      action: open ? "comments_opened" : "comments_closed",
      detail: { commentsOpen: open },
    });
    return { open };
  },
});
