import {
  COMMENT_FAILURES,
  COMMENT_LIMITS,
  type CommentFailure,
  FAILURE_FIELD,
} from "@/lib/comments/messages";

/**
 * "Leave a Reply": a plain HTML form posting to /api/comments, so it works with JavaScript
 * off (the server redirects back here with the outcome). enhance-comment-form.js, when it
 * runs, posts the same fields with fetch and reports in the live regions below instead,
 * keeping what was typed if the post is refused.
 */
export function CommentForm({
  articleId,
  replyTo,
  cancelReplyHref,
  error,
}: {
  articleId: string;
  replyTo: { id: string; name: string } | null;
  cancelReplyHref: string;
  /** A refusal reported back to a page without JavaScript. */
  error: CommentFailure | null;
}) {
  const invalid = error ? FAILURE_FIELD[error] : undefined;
  return (
    <form
      id="comment-form"
      className="comment-form"
      method="post"
      action="/api/comments"
      aria-labelledby="leave-a-reply-heading"
      data-error-message={COMMENT_FAILURES.error}
      data-offline-message="Your comment was not sent: the connection failed. Please try again."
    >
      <input type="hidden" name="articleId" value={articleId} />
      {replyTo ? (
        <p className="comment-replying">
          <input type="hidden" name="parentId" value={replyTo.id} />
          Replying to <span dir="auto">{replyTo.name}</span>.{" "}
          <a href={cancelReplyHref}>Cancel reply</a>
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="comment-name">Name</label>
        <input
          id="comment-name"
          name="name"
          type="text"
          autoComplete="name"
          required
          maxLength={COMMENT_LIMITS.nameMax}
          dir="auto"
          aria-invalid={invalid === "name" || undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="comment-email">Email</label>
        <input
          id="comment-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={COMMENT_LIMITS.emailMax}
          aria-describedby="comment-email-hint"
          aria-invalid={invalid === "email" || undefined}
        />
        <span className="hint" id="comment-email-hint">
          Never shown publicly.
        </span>
      </div>
      {/* The honeypot: invisible, unannounced and unreachable by keyboard; bots fill it in. */}
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor="comment-website">Leave this field empty</label>
        <input id="comment-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="comment-body">Comment</label>
        <textarea
          id="comment-body"
          name="body"
          rows={6}
          required
          maxLength={COMMENT_LIMITS.bodyMax}
          dir="auto"
          aria-describedby="comment-body-hint"
          aria-invalid={invalid === "body" || undefined}
        />
        <span className="hint" id="comment-body-hint">
          Plain text; web addresses become links. Comments appear once an editor approves them.
        </span>
      </div>
      {/* Live regions are always present, so that what is put in them is announced. */}
      <p id="comment-form-error" role="alert" className="notice error comment-notice">
        {error ? COMMENT_FAILURES[error] : null}
      </p>
      <p id="comment-form-status" role="status" className="notice comment-notice" />
      <div>
        <button type="submit" className="primary">
          Post Comment
        </button>
      </div>
    </form>
  );
}
