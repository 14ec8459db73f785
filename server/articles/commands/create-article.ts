import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { articleAuthors, articles } from "@/db/schema";
import { recordEvent } from "../../audit";
import { defineCommand } from "../../command";
import { articleFields } from "../input";
import { appendRevision, assertMedia, assertSection, checkedBody } from "../revision";
import { uniqueSlug } from "../slug";

/** A reporter starts a story: a Draft with its first revision, bylined to them. */
export const createArticle = defineCommand({
  name: "createArticle",
  permission: "article.create",
  input: z.strictObject(articleFields),
  async run({ actor, tx }, input) {
    const me = actor!;
    const body = checkedBody(input.body);
    await assertSection(tx, input.sectionId);
    await assertMedia(tx, input.featuredMediaId);
    const slug = await uniqueSlug(tx, input.headline);
    const [article] = await tx
      .insert(articles)
      .values({ slug, createdBy: me.id })
      .returning({ id: articles.id });
    const id = article!.id;
    await tx.insert(articleAuthors).values({ articleId: id, userId: me.id, position: 0 });
    const revision = await appendRevision(tx, id, { ...input, body }, "manual", me.id);
    await tx.update(articles).set({ workingRevisionId: revision.id }).where(eq(articles.id, id));
    await recordEvent(tx, { articleId: id, actorId: me.id, action: "created", toStatus: "draft" });
    return { id, version: 1, slug };
  },
});
