import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { media } from "@/db/schema";
import type { FeaturedImage } from "@/db/schema/published";
import { isMediaId } from "@/lib/media/variants";
import { db } from "../db";
import type { Actor } from "../policy";
import { type MediaItem, toFeaturedImage, toMediaItem } from "./media-item";

/**
 * A story's featured image as readers get it, for publication to write into
 * published_articles.featured_image in its own transaction. Null when there is none or the
 * id is not a library image.
 */
export async function loadFeaturedImage(
  ex: Executor,
  mediaId: string | null | undefined,
): Promise<FeaturedImage | null> {
  if (!mediaId || !isMediaId(mediaId)) return null;
  const [row] = await ex.select().from(media).where(eq(media.id, mediaId)).limit(1);
  return row ? toFeaturedImage(row) : null;
}

/** Library images by id, for staff pages (e.g. the featured-image picker's current choice). */
export async function mediaItems(
  actor: Actor | null,
  ids: readonly string[],
): Promise<MediaItem[] | null> {
  if (!actor) return null;
  const wanted = [...new Set(ids)].filter(isMediaId).slice(0, 100);
  if (wanted.length === 0) return [];
  const rows = await (await db()).select().from(media).where(inArray(media.id, wanted));
  return rows.map(toMediaItem);
}
