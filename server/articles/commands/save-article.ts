import "server-only";
import { z } from "zod";
import { defineCommand, id } from "../../command";
import { AppError } from "../../errors";
import { articleFields } from "../input";
import { articleScope, lockArticle } from "../load";
import {
  advanceWorkingCopy,
  appendRevision,
  assertMedia,
  assertSection,
  checkedBody,
  sameContent,
} from "../revision";

/**
 * Saves the working copy as a new revision. The save quotes the version it was based on;
 * if someone saved in between, it is refused as a conflict carrying the server's copy, and
 * the writer's text stays in their editor. An unchanged document writes nothing. Saving a
 * published story never touches the live page: only publishing does.
 */
export const saveArticle = defineCommand({
  name: "saveArticle",
  permission: "article.edit",
  input: z.strictObject({
    id,
    baseVersion: z.int().min(1),
    kind: z.enum(["autosave", "manual"]).default("manual"),
    ...articleFields,
  }),
  load: lockArticle,
  scope: articleScope,
  async run({ actor, tx, resource }, input) {
    const { article, working } = resource;
    if (article.version !== input.baseVersion) {
      throw new AppError(
        "conflict",
        "Someone else saved this story after you opened it. Your text is kept here: compare and choose.",
        {
          detail: {
            version: article.version,
            headline: working?.headline ?? "",
            standfirst: working?.standfirst ?? "",
            dateline: working?.dateline ?? "",
            source: working?.source ?? "",
            sectionId: working?.sectionId ?? null,
            body: working?.body ?? null,
            featuredMediaId: working?.featuredMediaId ?? null,
          },
        },
      );
    }
    const body = checkedBody(input.body);
    await assertSection(tx, input.sectionId);
    await assertMedia(tx, input.featuredMediaId);
    const fields = {
      headline: input.headline,
      standfirst: input.standfirst,
      dateline: input.dateline,
      source: input.source,
      sectionId: input.sectionId,
      body,
      featuredMediaId: input.featuredMediaId,
      seoTitle: input.seoTitle,
      seoDescription: input.seoDescription,
    };
    if (working && sameContent(fields, working)) {
      return {
        version: article.version,
        revisionId: working.id,
        slug: article.slug,
        unchanged: true,
      };
    }
    const revision = await appendRevision(tx, article.id, fields, input.kind, actor!.id);
    const { version, slug } = await advanceWorkingCopy(
      tx,
      article,
      working,
      revision,
      input.baseVersion,
    );
    return { version, revisionId: revision.id, slug, unchanged: false };
  },
});
