import "server-only";
import type { Media, MediaVariant } from "@/db/schema";
import type { FeaturedImage } from "@/db/schema/published";
import { mediaSrc } from "@/lib/media/variants";

/**
 * What staff pages get for one library image (a DTO: no uploader id, no internals).
 * `src`, `width` and `height` are exactly what a figure node stores: the JPEG rendition as
 * the <img> fallback, and the size of the largest rendition (from which the renderer
 * rebuilds the WebP srcset by naming convention, see lib/media/variants.ts).
 */
export type MediaItem = {
  id: string;
  src: string;
  /** A small WebP rendition, for library thumbnails. */
  thumb: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  originalName: string;
  createdAt: string;
};

function largest(variants: readonly MediaVariant[], format: string): MediaVariant | undefined {
  return variants.filter((v) => v.format === format).sort((a, b) => b.width - a.width)[0];
}

function smallest(variants: readonly MediaVariant[], format: string): MediaVariant | undefined {
  return variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width)[0];
}

export function toMediaItem(row: Media): MediaItem {
  const top = largest(row.variants, "webp") ?? row.variants[0]!;
  const jpeg = largest(row.variants, "jpg") ?? top;
  const thumb = smallest(row.variants, "webp") ?? top;
  return {
    id: row.id,
    src: mediaSrc(row.id, jpeg.file),
    thumb: mediaSrc(row.id, thumb.file),
    width: top.width,
    height: top.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    originalName: row.originalName,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The reader-side featured image (published_articles.featured_image) of a media row. */
export function toFeaturedImage(row: Media): FeaturedImage {
  const item = toMediaItem(row);
  return {
    mediaId: row.id,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    width: item.width,
    height: item.height,
    variants: [...row.variants]
      .sort((a, b) => a.width - b.width)
      .map((v) => ({ width: v.width, format: v.format, src: mediaSrc(row.id, v.file) })),
  };
}
