import "server-only";
import { desc, or, sql } from "drizzle-orm";
import { z } from "zod";
import { media } from "@/db/schema";
import { db } from "../db";
import type { Actor } from "../policy";
import { type MediaItem, toMediaItem } from "./media-item";

export const MEDIA_PAGE_SIZE = 24;

const input = z.object({
  q: z.string().catch("").default(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export type MediaPage = { items: MediaItem[]; page: number; hasMore: boolean };

/** Escapes LIKE wildcards so a search for "50%" means the text, not a pattern. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The media library: newest first, a page at a time, optionally only images whose alt
 * text, caption, credit or file name contains the words typed. Every member of staff sees
 * the whole library (images are shared for reuse); anonymous callers get nothing.
 */
export async function listMedia(actor: Actor | null, raw: unknown): Promise<MediaPage | null> {
  if (!actor) return null;
  const parsed = input.safeParse(raw ?? {});
  const { q, page } = parsed.success ? parsed.data : { q: "", page: 1 };
  const term = q.replaceAll("\u0000", "").trim().slice(0, 200);
  const pattern = `%${likeEscape(term)}%`;
  const rows = await (await db())
    .select()
    .from(media)
    .where(
      term
        ? or(
            sql`${media.alt} ilike ${pattern}`,
            sql`${media.caption} ilike ${pattern}`,
            sql`${media.credit} ilike ${pattern}`,
            sql`${media.originalName} ilike ${pattern}`,
          )
        : undefined,
    )
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(MEDIA_PAGE_SIZE + 1)
    .offset((page - 1) * MEDIA_PAGE_SIZE);
  return {
    items: rows.slice(0, MEDIA_PAGE_SIZE).map(toMediaItem),
    page,
    hasMore: rows.length > MEDIA_PAGE_SIZE,
  };
}
