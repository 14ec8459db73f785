import "server-only";
import { stripBidiControls } from "@/lib/comments/display";
import { type CommentFailure, isCommentFailure } from "@/lib/comments/messages";
import { commentScript } from "../script";
import { approvedComments, type PublicComment } from "./approved-comments";

type Query = URLSearchParams | Record<string, string | string[] | undefined>;

export type CommentsSectionData = {
  articleId: string;
  articlePath: string;
  /** Whether the story takes new comments (both the page's and the database's view). */
  open: boolean;
  count: number;
  comments: PublicComment[];
  /** The outcome of a post made without JavaScript, from `?comment=…&reason=…`. */
  notice: { kind: "pending" } | { kind: "error"; reason: CommentFailure } | null;
  /** The approved comment being answered, from `?replyto=ID`. */
  replyTo: { id: string; name: string } | null;
  /** The form's enhancement script (versioned URL). */
  scriptSrc: string;
};

function param(query: Query | undefined, name: string): string | undefined {
  if (!query) return undefined;
  if (query instanceof URLSearchParams) return query.get(name) ?? undefined;
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

function find(comments: PublicComment[], id: string): PublicComment | null {
  for (const comment of comments) {
    if (comment.id === id) return comment;
    const found = find(comment.replies, id);
    if (found) return found;
  }
  return null;
}

/**
 * Everything the comments under a story show, read in one place so the section itself is a
 * plain component (the reader site renders static HTML). Null when the story is not live.
 * The query only ever selects among fixed messages and existing approved comments.
 */
export async function commentsSection(
  story: { articleId: string; commentsOpen: boolean },
  articlePath: string,
  query?: Query,
): Promise<CommentsSectionData | null> {
  const thread = await approvedComments(story.articleId);
  if (!thread) return null;
  const open = story.commentsOpen && thread.open;
  const outcome = param(query, "comment");
  const reason = param(query, "reason");
  const notice: CommentsSectionData["notice"] =
    outcome === "pending"
      ? { kind: "pending" }
      : outcome === "error"
        ? { kind: "error", reason: isCommentFailure(reason) ? reason : "error" }
        : null;
  const replyId = param(query, "replyto");
  const parent = open && replyId ? find(thread.comments, replyId) : null;
  return {
    articleId: story.articleId,
    articlePath,
    open,
    count: thread.count,
    comments: thread.comments,
    notice,
    replyTo: parent ? { id: parent.id, name: stripBidiControls(parent.authorName) } : null,
    scriptSrc: commentScript().href,
  };
}
