/**
 * The naming convention of the images the server generates, shared by the upload pipeline
 * (server/media), the serving route, the reader renderer and the editor. No database, no
 * secrets: the browser may import this.
 *
 * Every upload becomes `/media/{mediaId}/{width}.webp` for each responsive width, plus one
 * fallback `/media/{mediaId}/{width}.jpg`. Names are made by the server, never taken from
 * the uploader, so nothing a person types can reach a file path.
 */

/** Responsive widths in CSS pixels; an image narrower than one is never upscaled to it. */
export const VARIANT_WIDTHS = [480, 960, 1600] as const;
/** The single JPEG rendition (for feeds, social cards and very old browsers). */
export const FALLBACK_JPEG_WIDTH = 960;

/** Largest upload accepted, in bytes. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/** Largest decoded image accepted, in pixels: a 20k×20k "bomb" is refused from its header. */
export const MAX_INPUT_PIXELS = 40_000_000;

/** What the file picker offers (the server decides from the bytes, not from this). */
export const ACCEPTED_IMAGE_TYPES = "image/jpeg,image/png,image/webp,image/avif,image/gif";

export type VariantFormat = "webp" | "jpg";

/** A generated file name: digits, a dot, a known extension. Nothing else is ever served. */
export const MEDIA_FILE = /^([1-9][0-9]{0,4})\.(webp|jpg)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MEDIA_SRC = /^\/media\/([0-9a-f-]{36})\/([1-9][0-9]{0,4})\.(webp|jpg)$/;

export function isMediaId(id: string): boolean {
  return UUID.test(id);
}

/**
 * The widths generated for an image `width` pixels wide (after orientation): every standard
 * width below it, and the image's own width capped at the largest standard width. Applied to
 * the largest rendition's width it gives the same list, which is what lets the renderer
 * rebuild a srcset from a figure's `width` attribute alone.
 */
export function variantWidths(width: number): number[] {
  const largest = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!;
  const top = Math.min(Math.max(1, Math.round(width)), largest);
  return [...VARIANT_WIDTHS.filter((w) => w < top), top];
}

/** The width of the one JPEG rendition of an image whose largest rendition is `width` wide. */
export function fallbackJpegWidth(width: number): number {
  return Math.min(FALLBACK_JPEG_WIDTH, variantWidths(width).at(-1)!);
}

export function variantFile(width: number, format: VariantFormat): string {
  return `${width}.${format}`;
}

export function mediaSrc(mediaId: string, file: string): string {
  return `/media/${mediaId}/${file}`;
}

/** Reads back `/media/{id}/{width}.{format}` as the server generates it, or null. */
export function parseMediaSrc(
  src: unknown,
): { mediaId: string; width: number; format: VariantFormat } | null {
  if (typeof src !== "string") return null;
  const m = MEDIA_SRC.exec(src);
  if (!m || !UUID.test(m[1]!)) return null;
  return { mediaId: m[1]!, width: Number(m[2]), format: m[3] as VariantFormat };
}

/** `srcset` of the WebP renditions of an image whose largest rendition is `width` wide. */
export function webpSrcSet(mediaId: string, width: number): string {
  return variantWidths(width)
    .map((w) => `${mediaSrc(mediaId, variantFile(w, "webp"))} ${w}w`)
    .join(", ");
}
