import { PENDING_MESSAGE } from "@/lib/comments/messages";
import type { CommentsSectionData } from "@/server/comments/queries/comments-section";
import { CommentForm } from "./comment-form";
import { CommentList } from "./comment-list";

/**
 * The reader comments under a story: the approved ones, threaded, with their count, then
 * "Leave a Reply" (or "Comments are closed."). A plain component over data read by
 * server/comments/queries/comments-section.ts, so it renders to static HTML.
 */
export function CommentsSection(data: CommentsSectionData) {
  const { articleId, articlePath, open, count, comments, notice, replyTo, scriptSrc } = data;
  const replyHref = open
    ? (id: string) => `${articlePath}?replyto=${encodeURIComponent(id)}#leave-a-reply`
    : null;
  return (
    <section id="comments" className="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">
        {count === 0 ? "No comments yet" : `${count} ${count === 1 ? "comment" : "comments"}`}
      </h2>
      {notice?.kind === "pending" ? (
        <p role="status" className="notice comment-notice">
          {PENDING_MESSAGE}
        </p>
      ) : null}
      {count > 0 ? <CommentList comments={comments} replyHref={replyHref} /> : null}
      {open ? (
        <div id="leave-a-reply" className="comment-respond">
          <h2 id="leave-a-reply-heading">Leave a Reply</h2>
          <CommentForm
            articleId={articleId}
            replyTo={replyTo}
            cancelReplyHref={`${articlePath}#leave-a-reply`}
            error={notice?.kind === "error" ? notice.reason : null}
          />
          <script src={scriptSrc} defer />
        </div>
      ) : (
        <p className="comments-closed">Comments are closed.</p>
      )}
    </section>
  );
}
