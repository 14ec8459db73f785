import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { articles, publishedArticles } from "@/db/schema";
import { normalizeSlugInput } from "@/lib/slug";
import { recordEvent } from "../../audit";
import { defineCommand, id } from "../../command";
import { AppError } from "../../errors";
import { articleScope, lockArticle } from "../load";
import { claimSlug, uniqueSlug } from "../slug";

/**
 * The story's address, by hand. An empty slug hands it back to the headline. On a live
 * story the new address reaches readers with the next "Publish update"; from then on the
 * old one answers 301 (see recordAddressChange).
 */
export const setArticleSlug = defineCommand({
  name: "setArticleSlug",
  permission: "article.edit",
  input: z.strictObject({
    id,
    slug: z.string({ message: "The address must be text." }).max(400, "That address is too long."),
  }),
  load: lockArticle,
  scope: articleScope,
  async run({ actor, tx, resource }, input) {
    const { article, working } = resource;
    const followHeadline = input.slug.trim() === "";
    let slug: string;
    if (followHeadline) {
      slug = await uniqueSlug(tx, working?.headline ?? article.slug, article.id);
    } else {
      const normal = normalizeSlugInput(input.slug);
      if (!normal.ok) {
        throw new AppError("invalid", normal.message, { fields: { slug: normal.message } });
      }
      slug = normal.slug;
      if (!(await claimSlug(tx, slug, article.id))) {
        const message = `Another story already uses the address “${slug}”; choose another.`;
        throw new AppError("invalid", message, { fields: { slug: message } });
      }
    }
    const manual = !followHeadline;
    if (slug === article.slug && manual === article.slugManual) {
      return { slug, slugManual: manual, changed: false };
    }
    const [live] = await tx
      .select({ slug: publishedArticles.slug })
      .from(publishedArticles)
      .where(eq(publishedArticles.articleId, article.id));
    await tx
      .update(articles)
      .set({
        slug,
        slugManual: manual,
        updatedAt: new Date(),
        // A new address for a live story is an update like any other: it goes out with
        // "Publish update", and readers keep the current address until then.
        ...(live && live.slug !== slug && article.status === "published" && !article.updateStatus
          ? { updateStatus: "editing" as const }
          : {}),
      })
      .where(eq(articles.id, article.id));
    await recordEvent(tx, {
      articleId: article.id,
      actorId: actor!.id,
      action: "slug_changed",
      detail: { from: article.slug, to: slug, manual },
    });
    return { slug, slugManual: manual, changed: true };
  },
});
