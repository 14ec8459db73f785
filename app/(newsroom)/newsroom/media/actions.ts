"use server";

/**
 * The media library's server actions (uploads go through POST /api/media instead, since a
 * file does not fit an action's body limit). One-liners over server/media: the command and
 * the query check who is asking themselves.
 */
import { runAction, runQuery } from "@/server/actions";
import { mediaItems } from "@/server/media/featured-image";
import { listMedia } from "@/server/media/list-media";
import { updateMediaDetails as updateMediaDetailsCommand } from "@/server/media/update-media";

/** `{ q?: string, page?: number }` → a page of the library, newest first. */
export async function listMediaLibrary(input: unknown) {
  return runQuery((actor) => listMedia(actor, input));
}

/** `{ ids: string[] }` → those library images (e.g. a story's current featured image). */
export async function getMediaItems(input: unknown) {
  const ids = (input as { ids?: unknown } | null)?.ids;
  return runQuery((actor) =>
    mediaItems(actor, Array.isArray(ids) ? ids.filter((x) => typeof x === "string") : []),
  );
}

/** `{ id, alt, caption, credit }` → the updated library image. */
export async function updateMediaDetails(input: unknown) {
  return runAction(updateMediaDetailsCommand, input);
}
