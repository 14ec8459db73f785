import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { editorialNotes } from "@/db/schema";
import { cleanText } from "../articles/input";
import { articleScope, lockArticle } from "../articles/load";
import { recordEvent } from "../audit";
import { defineCommand, id } from "../command";
import { notFound } from "../errors";

/** Adds a staff-only note to a story's thread (anyone who may see the story). */
export const addNote = defineCommand({
  name: "addNote",
  permission: "article.view",
  input: z.strictObject({
    id,
    body: cleanText(5_000, "Note").pipe(z.string().min(1, "Write a note first.")),
  }),
  load: lockArticle,
  scope: articleScope,
  async run({ actor, tx, resource }, input) {
    const [note] = await tx
      .insert(editorialNotes)
      .values({ articleId: resource.article.id, authorId: actor!.id, body: input.body })
      .returning({ id: editorialNotes.id });
    await recordEvent(tx, {
      articleId: resource.article.id,
      actorId: actor!.id,
      action: "note_added",
    });
    return { id: note!.id };
  },
});

/** Marks a note resolved. The note must belong to the story the actor may see. */
export const resolveNote = defineCommand({
  name: "resolveNote",
  permission: "article.view",
  input: z.strictObject({ id, noteId: z.uuid() }),
  load: lockArticle,
  scope: articleScope,
  async run({ actor, tx, resource }, input) {
    const rows = await tx
      .update(editorialNotes)
      .set({ resolvedAt: new Date(), resolvedBy: actor!.id })
      .where(
        and(
          eq(editorialNotes.id, input.noteId),
          eq(editorialNotes.articleId, resource.article.id),
          isNull(editorialNotes.resolvedAt),
        ),
      )
      .returning({ id: editorialNotes.id });
    if (rows.length === 0) throw notFound();
    return { id: input.noteId };
  },
});
