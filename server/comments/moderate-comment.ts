import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { type Comment, comments } from "@/db/schema";
import { recordEvent } from "../audit";
import { defineCommand, id } from "../command";
import { recordCommentsPageChange } from "./record-page-change";

const input = z.strictObject({ id });

type Target = Exclude<Comment["status"], "pending">;

/**
 * Approve, spam or delete one comment (editors and admins). Delete is a soft delete: the row
 * stays (replies point at it, and a deleted text still counts as a duplicate), but it is
 * shown nowhere and cannot be moderated again. Repeating the decision a comment already has
 * (two editors clicking at once) is a no-op, not an error.
 */
function moderation(name: string, to: Target) {
  return defineCommand({
    name,
    permission: "comment.moderate",
    input,
    async load(tx, { id: commentId }) {
      const [row] = await tx
        .select({ id: comments.id, articleId: comments.articleId, status: comments.status })
        .from(comments)
        .where(and(eq(comments.id, commentId), ne(comments.status, "deleted")))
        .for("update");
      return row ?? null;
    },
    async run({ actor, tx, resource: comment }) {
      if (comment.status === to) return { status: to };
      await tx
        .update(comments)
        .set({ status: to, moderatedBy: actor!.id, moderatedAt: new Date() })
        .where(eq(comments.id, comment.id));
      await recordEvent(tx, {
        articleId: comment.articleId,
        actorId: actor!.id,
        action: `comment_${to}`,
        fromStatus: comment.status,
        toStatus: to,
        detail: { commentId: comment.id },
      });
      // Only approved comments are on the page: anything else changes nothing readers see.
      if (comment.status === "approved" || to === "approved") {
        await recordCommentsPageChange(tx, comment.articleId);
      }
      return { status: to };
    },
  });
}

export const approveComment = moderation("approveComment", "approved");
export const spamComment = moderation("spamComment", "spam");
export const deleteComment = moderation("deleteComment", "deleted");
