import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  type Article,
  type ArticleRevision,
  articleAuthors,
  articleRevisions,
  articles,
} from "@/db/schema";
import type { ArticleScope } from "../policy";

export type LoadedArticle = {
  article: Article;
  authorIds: string[];
  working: ArticleRevision | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads a story with its bylines and working revision; `lock` takes the row lock. */
export async function loadArticle(
  tx: Executor,
  id: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<LoadedArticle | null> {
  if (!UUID.test(id)) return null;
  const base = tx.select().from(articles).where(eq(articles.id, id)).limit(1);
  const [article] = lock ? await base.for("update") : await base;
  if (!article) return null;
  const authors = await tx
    .select({ userId: articleAuthors.userId })
    .from(articleAuthors)
    .where(eq(articleAuthors.articleId, id))
    .orderBy(asc(articleAuthors.position));
  const [working] = article.workingRevisionId
    ? await tx
        .select()
        .from(articleRevisions)
        .where(eq(articleRevisions.id, article.workingRevisionId))
        .limit(1)
    : [];
  return { article, authorIds: authors.map((a) => a.userId), working: working ?? null };
}

export const articleScope = (loaded: LoadedArticle): ArticleScope => ({
  createdBy: loaded.article.createdBy,
  authorIds: loaded.authorIds,
  status: loaded.article.status,
  updateStatus: loaded.article.updateStatus,
});

export const lockArticle = (tx: Executor, input: { id: string }) =>
  loadArticle(tx, input.id, { lock: true });
