import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { articles, comments, publishedArticles } from "@/db/schema";
import { db } from "../../db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What readers may know about a comment: no email, no address hash, no moderation data. */
export type PublicComment = {
  id: string;
  authorName: string;
  body: string;
  createdAt: Date;
  replies: PublicComment[];
};

export type CommentThread = {
  /** Approved comments shown, replies included. */
  count: number;
  /** Whether the story takes new comments. */
  open: boolean;
  comments: PublicComment[];
};

/** Replies nest this deep at most; deeper replies join their parent's level. */
export const MAX_REPLY_DEPTH = 4;
/** The most comments one page shows (the oldest first). */
const MAX_SHOWN = 1_000;

const ph = sql.placeholder;

/**
 * One round trip, prepared (it runs on every uncached article page): the story's comment
 * setting joined to its approved comments. No row: the story is not live. One row with no
 * comment id: live, no comments yet.
 */
function buildThreadStatement(database: Database) {
  return database
    .select({
      open: sql<boolean>`(${publishedArticles.commentsOpen} and ${articles.commentsOpen})`,
      id: comments.id,
      parentId: comments.parentId,
      authorName: comments.authorName,
      body: comments.body,
      createdAt: comments.createdAt,
    })
    .from(publishedArticles)
    .innerJoin(articles, eq(articles.id, publishedArticles.articleId))
    .leftJoin(
      comments,
      and(eq(comments.articleId, publishedArticles.articleId), eq(comments.status, "approved")),
    )
    .where(eq(publishedArticles.articleId, ph("articleId")))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(MAX_SHOWN)
    .prepare("reader_approved_comments");
}

/** Prepared once per database handle (tests and scripts may swap the process's handle). */
const statements = new WeakMap<Database, ReturnType<typeof buildThreadStatement>>();
async function threadStatement() {
  const database = await db();
  let statement = statements.get(database);
  if (!statement) {
    statement = buildThreadStatement(database);
    statements.set(database, statement);
  }
  return statement;
}

/**
 * The approved comments of a live story, threaded (parent → replies), oldest first. Null
 * when the story is not live: a reader can learn nothing about other stories' comments.
 */
export async function approvedComments(articleId: string): Promise<CommentThread | null> {
  if (!UUID.test(articleId)) return null;
  const rows = await (await threadStatement()).execute({ articleId });
  const [head] = rows;
  if (!head) return null;
  const shown: Row[] = [];
  for (const { id, parentId, authorName, body, createdAt } of rows) {
    if (id && authorName !== null && body !== null && createdAt) {
      shown.push({ id, parentId, authorName, body, createdAt });
    }
  }
  return { count: shown.length, open: head.open, comments: thread(shown) };
}

type Row = { id: string; parentId: string | null } & Omit<PublicComment, "replies">;

/**
 * Builds the tree from rows in time order (a reply is always newer than its parent). A reply
 * whose parent is not shown (spammed or deleted since) stands on its own at the top level.
 */
export function thread(rows: Row[]): PublicComment[] {
  const top: PublicComment[] = [];
  const placed = new Map<
    string,
    { node: PublicComment; depth: number; siblings: PublicComment[] }
  >();
  for (const { parentId, ...fields } of rows) {
    const node: PublicComment = { ...fields, replies: [] };
    const parent = parentId ? placed.get(parentId) : undefined;
    let depth = 0;
    let siblings = top;
    if (parent && parent.depth < MAX_REPLY_DEPTH) {
      depth = parent.depth + 1;
      siblings = parent.node.replies;
    } else if (parent) {
      depth = parent.depth;
      siblings = parent.siblings;
    }
    siblings.push(node);
    placed.set(node.id, { node, depth, siblings });
  }
  return top;
}
