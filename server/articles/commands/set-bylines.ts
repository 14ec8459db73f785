import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { articleAuthors, users } from "@/db/schema";
import { recordEvent } from "../../audit";
import { defineCommand, id } from "../../command";
import { AppError } from "../../errors";
import { articleScope, lockArticle } from "../load";

/**
 * Sets the byline: staff in order. Bylines are never part of a body save (mass assignment
 * of authors is refused there); this command owns them and audits every change.
 */
export const setBylines = defineCommand({
  name: "setBylines",
  permission: "article.edit",
  input: z.strictObject({
    id,
    userIds: z.array(z.uuid()).min(1, "A story needs at least one byline.").max(8),
  }),
  load: lockArticle,
  scope: articleScope,
  async run({ actor, tx, resource }, input) {
    const ids = [...new Set(input.userIds)];
    const staff = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, ids), eq(users.active, true)));
    if (staff.length !== ids.length) {
      throw new AppError("invalid", "Bylines must be active members of staff.", {
        fields: { userIds: "Choose active members of staff." },
      });
    }
    await tx.delete(articleAuthors).where(eq(articleAuthors.articleId, resource.article.id));
    await tx
      .insert(articleAuthors)
      .values(
        ids.map((userId, position) => ({ articleId: resource.article.id, userId, position })),
      );
    await recordEvent(tx, {
      articleId: resource.article.id,
      actorId: actor!.id,
      action: "bylines_changed",
      detail: { from: resource.authorIds, to: ids },
    });
    return { userIds: ids };
  },
});
