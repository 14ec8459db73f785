import "server-only";
import { isDeepStrictEqual } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  type Article,
  type ArticleRevision,
  articleAuthors,
  articleRevisions,
  articles,
  media,
  sections,
} from "@/db/schema";
import { countWords, docToText } from "@/lib/content/text";
import type { DocJSON } from "@/lib/content/types";
import { validateDoc } from "@/lib/content/validate";
import { AppError } from "../errors";
import { uniqueSlug } from "./slug";

export type RevisionFields = {
  headline: string;
  standfirst: string;
  dateline: string;
  source: string;
  sectionId: string;
  body: DocJSON;
  featuredMediaId?: string | null;
  seoTitle?: string;
  seoDescription?: string;
};

/** Validates a posted body against the content schema; refuses with a clear message. */
export function checkedBody(raw: unknown): DocJSON {
  const result = validateDoc(raw);
  if (!result.ok) {
    throw new AppError("invalid", `The story body was refused: ${result.reason}.`, {
      fields: { body: result.reason },
    });
  }
  return result.doc;
}

/** A featured image must be a library image. */
export async function assertMedia(tx: Executor, mediaId: string | null | undefined): Promise<void> {
  if (!mediaId) return;
  const [row] = await tx.select({ id: media.id }).from(media).where(eq(media.id, mediaId)).limit(1);
  if (!row) {
    throw new AppError("invalid", "That featured image is not in the media library.", {
      fields: { featuredMediaId: "Choose an image from the library." },
    });
  }
}

export async function assertSection(tx: Executor, sectionId: string): Promise<void> {
  const [row] = await tx
    .select({ id: sections.id })
    .from(sections)
    .where(eq(sections.id, sectionId))
    .limit(1);
  if (!row) {
    throw new AppError("invalid", "Choose a section.", {
      fields: { sectionId: "That section does not exist." },
    });
  }
}

export function sameContent(a: RevisionFields, b: ArticleRevision): boolean {
  return (
    a.headline === b.headline &&
    a.standfirst === b.standfirst &&
    a.dateline === b.dateline &&
    a.source === b.source &&
    a.sectionId === b.sectionId &&
    (a.featuredMediaId ?? null) === b.featuredMediaId &&
    (a.seoTitle ?? "") === b.seoTitle &&
    (a.seoDescription ?? "") === b.seoDescription &&
    // Deep equality, not JSON text: jsonb hands keys back in its own order.
    isDeepStrictEqual(a.body, b.body)
  );
}

/** Appends a revision (revisions are never updated). */
export async function appendRevision(
  tx: Executor,
  articleId: string,
  fields: RevisionFields,
  kind: "autosave" | "manual" | "restore",
  createdBy: string,
): Promise<ArticleRevision> {
  const bodyText = docToText(fields.body);
  // The byline as it stands, so revisions can show who was credited when.
  const authors = await tx
    .select({ id: articleAuthors.userId })
    .from(articleAuthors)
    .where(eq(articleAuthors.articleId, articleId))
    .orderBy(articleAuthors.position);
  const [row] = await tx
    .insert(articleRevisions)
    .values({
      articleId,
      number: sql`(select coalesce(max(number), 0) + 1 from article_revisions where article_id = ${articleId})`,
      kind,
      ...fields,
      featuredMediaId: fields.featuredMediaId ?? null,
      authorIds: authors.map((a) => a.id),
      bodyText,
      wordCount: countWords(bodyText),
      createdBy,
    })
    .returning();
  return row!;
}

/**
 * Makes a freshly appended revision the working copy, quoting the version the writer saw:
 * bumps the version, lets the slug follow the headline until first publication (or a hand
 * edit), and starts an update when the story is live. Zero rows ⇒ someone saved first.
 */
export async function advanceWorkingCopy(
  tx: Executor,
  article: Article,
  previous: ArticleRevision | null,
  revision: ArticleRevision,
  baseVersion: number,
): Promise<{ version: number; slug: string }> {
  const slug =
    !article.slugManual && !article.firstPublishedAt && revision.headline !== previous?.headline
      ? await uniqueSlug(tx, revision.headline, article.id)
      : article.slug;
  const [updated] = await tx
    .update(articles)
    .set({
      version: sql`${articles.version} + 1`,
      workingRevisionId: revision.id,
      slug,
      updatedAt: new Date(),
      // Editing a live story starts an update; readers keep the published revision.
      ...(article.status === "published" && !article.updateStatus
        ? { updateStatus: "editing" as const }
        : {}),
    })
    .where(and(eq(articles.id, article.id), eq(articles.version, baseVersion)))
    .returning({ version: articles.version });
  if (!updated) throw new AppError("conflict", "Someone else saved this story. Reload and retry.");
  return { version: updated.version, slug };
}
