import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type ArticleRevision, articleRevisions } from "@/db/schema";
import { recordEvent } from "../../audit";
import { defineCommand, id } from "../../command";
import { AppError, notFound } from "../../errors";
import { articleScope, lockArticle } from "../load";
import { advanceWorkingCopy, appendRevision, type RevisionFields } from "../revision";

type RestoredExtras = Pick<
  ArticleRevision,
  "seoTitle" | "seoDescription" | "featuredMediaId" | "authorIds" | "tagIds"
>;

/**
 * Makes an earlier revision the working copy again by appending a NEW revision (kind
 * "restore") with its content: history is never rewritten, so the text being replaced stays
 * one click away. Like a save, it quotes the version it was based on (a stale restore is a
 * conflict) and never touches the live page of a published story: that starts an update,
 * which readers see only once an editor publishes it.
 *
 * Restoring always records a new revision, even when its content equals the current text:
 * the history then shows what the person did, and the audit trail says it.
 *
 * What is restored is the story's text and its fields (headline, standfirst, dateline,
 * source, section, body, SEO fields, featured image). Bylines and tags are not: they belong
 * to their own commands and tables, so the new revision records them as they are now.
 */
export const restoreRevision = defineCommand({
  name: "restoreRevision",
  permission: "article.edit",
  input: z.strictObject({ id, revisionId: id, baseVersion: z.int().min(1) }),
  load: lockArticle,
  scope: articleScope,
  async run({ actor, tx, resource }, input) {
    const { article, working } = resource;
    const [chosen] = await tx
      .select()
      .from(articleRevisions)
      .where(
        and(eq(articleRevisions.id, input.revisionId), eq(articleRevisions.articleId, article.id)),
      )
      .limit(1);
    // A revision of another story is as unknown here as one that does not exist.
    if (!chosen) throw notFound();
    if (article.version !== input.baseVersion) {
      throw new AppError(
        "conflict",
        "Someone saved this story after you opened its history. Reload the history and choose again.",
        { detail: { version: article.version } },
      );
    }
    // The chosen revision's content, SEO fields and featured image; the byline and tag
    // snapshots stay the story's current ones (appendRevision writes every column given).
    const fields: RevisionFields & RestoredExtras = {
      headline: chosen.headline,
      standfirst: chosen.standfirst,
      dateline: chosen.dateline,
      source: chosen.source,
      sectionId: chosen.sectionId,
      body: chosen.body,
      seoTitle: chosen.seoTitle,
      seoDescription: chosen.seoDescription,
      featuredMediaId: chosen.featuredMediaId,
      authorIds: working?.authorIds ?? chosen.authorIds,
      tagIds: working?.tagIds ?? chosen.tagIds,
    };
    const revision = await appendRevision(tx, article.id, fields, "restore", actor!.id);
    const updated = await advanceWorkingCopy(tx, article, working, revision, input.baseVersion);
    await recordEvent(tx, {
      articleId: article.id,
      actorId: actor!.id,
      action: "revision_restored",
      note: `Restored revision ${chosen.number} as revision ${revision.number}`,
      detail: {
        restoredRevisionId: chosen.id,
        restoredNumber: chosen.number,
        revisionId: revision.id,
        number: revision.number,
      },
    });
    return {
      version: updated.version,
      revisionId: revision.id,
      number: revision.number,
      slug: updated.slug,
    };
  },
});
