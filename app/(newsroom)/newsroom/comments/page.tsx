import Link from "next/link";
import { notFound } from "next/navigation";
import { stripBidiControls } from "@/lib/comments/display";
import { currentActor } from "@/server/auth/session";
import { storyCommentSettings } from "@/server/comments/queries/comment-settings";
import { moderationQueue } from "@/server/comments/queries/moderation-queue";
import { can } from "@/server/policy";
import { approveComment, deleteComment, setCommentsOpen, spamComment } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Comments" };

const DONE: Record<string, string> = {
  approved: "Comment approved.",
  spam: "Comment marked as spam.",
  deleted: "Comment deleted.",
  closed: "Comments closed on that story.",
  opened: "Comments opened on that story.",
};
const FAILED: Record<string, string> = {
  unauthenticated: "Please sign in again.",
  forbidden: "You may not do that.",
  not_found: "That comment or story is no longer there.",
  invalid: "That request was not understood; nothing was changed.",
};
const STATUS = { pending: "Pending", approved: "Approved", spam: "Spam" } as const;

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Editors' comment moderation: the queue (pending first), and comments on or off per story. */
export default async function CommentsModerationPage({ searchParams }: Props) {
  const actor = await currentActor();
  if (!can(actor, "comment.moderate")) notFound();
  const params = await searchParams;
  const [queue, stories] = await Promise.all([
    moderationQueue(actor, Number(first(params.page) ?? "1")),
    storyCommentSettings(actor),
  ]);
  if (!queue || !stories) notFound();
  const done = DONE[first(params.done) ?? ""];
  const errorCode = first(params.error);
  const error = errorCode
    ? (FAILED[errorCode] ?? "Something went wrong; nothing was changed.")
    : null;
  const pending = queue.items.filter((i) => i.status === "pending").length;

  return (
    <>
      <h1>Comments</h1>
      <p role="status">{done ?? ""}</p>
      {error ? (
        <p role="alert" className="notice error">
          {error}
        </p>
      ) : null}

      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">Moderation queue</h2>
        {queue.total === 0 ? (
          <p>No comments yet.</p>
        ) : (
          <p className="meta">
            {queue.total} comments · page {queue.page} of {queue.pageCount}
            {pending > 0 ? ` · ${pending} pending on this page` : ""}
          </p>
        )}
        <ul className="comment-queue">
          {queue.items.map((item) => {
            const title = `comment-${item.id}-title`;
            return (
              <li key={item.id}>
                <article aria-labelledby={title}>
                  <h3 id={title}>
                    <span dir="auto">{stripBidiControls(item.authorName)}</span> on{" "}
                    {item.articlePath ? (
                      <a href={item.articlePath} dir="auto">
                        {stripBidiControls(item.headline)}
                      </a>
                    ) : (
                      <span dir="auto">{stripBidiControls(item.headline)} (not live)</span>
                    )}
                  </h3>
                  <p className="meta">
                    <span className="status-pill">{STATUS[item.status]}</span>{" "}
                    {item.isReply ? "Reply · " : ""}
                    <span>{item.authorEmail}</span> ·{" "}
                    <time dateTime={item.createdAt.toISOString()}>{when(item.createdAt)}</time>
                  </p>
                  <p className="comment-text" dir="auto">
                    {stripBidiControls(item.body)}
                  </p>
                  <form className="comment-actions">
                    <input type="hidden" name="id" value={item.id} />
                    <input type="hidden" name="page" value={queue.page} />
                    {item.status !== "approved" ? (
                      <button type="submit" formAction={approveComment} aria-describedby={title}>
                        Approve
                      </button>
                    ) : null}
                    {item.status !== "spam" ? (
                      <button type="submit" formAction={spamComment} aria-describedby={title}>
                        Spam
                      </button>
                    ) : null}
                    <button type="submit" formAction={deleteComment} aria-describedby={title}>
                      Delete
                    </button>
                  </form>
                </article>
              </li>
            );
          })}
        </ul>
        {queue.pageCount > 1 ? (
          <nav aria-label="Queue pages" className="comment-actions">
            {queue.page > 1 ? (
              <Link href={`/newsroom/comments?page=${queue.page - 1}`}>Previous page</Link>
            ) : null}
            {queue.page < queue.pageCount ? (
              <Link href={`/newsroom/comments?page=${queue.page + 1}`}>Next page</Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Comments on live stories</h2>
        {stories.length === 0 ? <p>No live stories.</p> : null}
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Story</th>
              <th scope="col">Comments</th>
              <th scope="col">Pending</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {stories.map((story) => {
              const label = `story-${story.articleId}-headline`;
              return (
                <tr key={story.articleId}>
                  <td id={label} dir="auto">
                    {stripBidiControls(story.headline)}
                  </td>
                  <td>{story.open ? "Open" : "Closed"}</td>
                  <td>{story.pending}</td>
                  <td>
                    <form action={setCommentsOpen}>
                      <input type="hidden" name="articleId" value={story.articleId} />
                      <input type="hidden" name="open" value={story.open ? "false" : "true"} />
                      <input type="hidden" name="page" value={queue.page} />
                      <button type="submit" aria-describedby={label}>
                        {story.open ? "Close comments" : "Open comments"}
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
