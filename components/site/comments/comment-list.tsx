import { stripBidiControls } from "@/lib/comments/display";
import type { PublicComment } from "@/server/comments/queries/approved-comments";
import { CommentText } from "./comment-text";

const when = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** Approved comments, threaded: each reply list sits inside the comment it answers. */
export function CommentList({
  comments,
  replyHref,
  nested = false,
}: {
  comments: PublicComment[];
  /** Where "Reply" goes for a comment; null when the story takes no more comments. */
  replyHref: ((id: string) => string) | null;
  nested?: boolean;
}) {
  return (
    <ol className={nested ? "comment-replies" : "comment-list"}>
      {comments.map((comment) => {
        const name = stripBidiControls(comment.authorName);
        return (
          <li key={comment.id} className="comment" id={`comment-${comment.id}`}>
            <article aria-labelledby={`comment-${comment.id}-author`}>
              <header>
                <span className="comment-author" id={`comment-${comment.id}-author`} dir="auto">
                  {name}
                </span>
                <time className="meta" dateTime={comment.createdAt.toISOString()}>
                  {when.format(comment.createdAt)}
                </time>
              </header>
              <div className="comment-body" dir="auto">
                <CommentText text={comment.body} />
              </div>
              {replyHref ? (
                <a
                  className="comment-reply"
                  href={replyHref(comment.id)}
                  aria-label={`Reply to ${name}`}
                >
                  Reply
                </a>
              ) : null}
            </article>
            {comment.replies.length > 0 ? (
              <CommentList comments={comment.replies} replyHref={replyHref} nested />
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
