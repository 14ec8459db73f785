import "server-only";
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { articleTags, tags } from "@/db/schema";
import { slugify } from "@/lib/slug";
import { recordEvent } from "../../audit";
import { defineCommand, id } from "../../command";
import { cleanText } from "../input";
import { articleScope, lockArticle } from "../load";

/** Replaces a story's tags, creating new ones on the fly (matched by slug, so "NHS" = "nhs"). */
export const setArticleTags = defineCommand({
  name: "setArticleTags",
  permission: "article.edit",
  input: z.strictObject({
    id,
    tags: z.array(cleanText(60, "Tag").pipe(z.string().min(1))).max(20, "At most 20 tags."),
  }),
  load: lockArticle,
  scope: articleScope,
  async run({ actor, tx, resource }, input) {
    const wanted = new Map<string, string>();
    for (const name of input.tags) wanted.set(slugify(name, 60), name);
    if (wanted.size > 0) {
      await tx
        .insert(tags)
        .values([...wanted].map(([slug, name]) => ({ slug, name })))
        .onConflictDoNothing();
    }
    const rows = wanted.size
      ? await tx
          .select()
          .from(tags)
          .where(inArray(tags.slug, [...wanted.keys()]))
      : [];
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    await tx.delete(articleTags).where(eq(articleTags.articleId, resource.article.id));
    const ordered = [...wanted.keys()].map((slug) => bySlug.get(slug)!).filter(Boolean);
    if (ordered.length) {
      await tx.insert(articleTags).values(
        ordered.map((tag, position) => ({
          articleId: resource.article.id,
          tagId: tag.id,
          position,
        })),
      );
    }
    await recordEvent(tx, {
      articleId: resource.article.id,
      actorId: actor!.id,
      action: "tags_changed",
      detail: { tags: ordered.map((t) => t.slug) },
    });
    return { tags: ordered.map((t) => ({ slug: t.slug, name: t.name })) };
  },
});
