import "server-only";
import { isDeepStrictEqual } from "node:util";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  type ArticleRevision,
  articleAuthors,
  articleRevisions,
  media,
  sections,
} from "@/db/schema";
import { countWords, docToText } from "@/lib/content/text";
import type { DocJSON } from "@/lib/content/types";
import { validateDoc } from "@/lib/content/validate";
import { AppError } from "../errors";

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
