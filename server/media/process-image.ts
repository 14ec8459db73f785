import "server-only";
import crypto from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import type { MediaVariant } from "@/db/schema";
import {
  fallbackJpegWidth,
  MAX_INPUT_PIXELS,
  MAX_UPLOAD_BYTES,
  VARIANT_WIDTHS,
  variantFile,
  variantWidths,
} from "@/lib/media/variants";
import { AppError } from "../errors";
import { detectImageType, type ImageType } from "./detect-type";
import { writeMediaFiles } from "./storage";

export const UPLOAD_MESSAGES = {
  empty: "The file is empty.",
  tooLarge: `The image is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Please upload a smaller file.`,
  svg: "SVG images are not accepted because they can carry scripts. Please upload a PNG or JPEG instead.",
  notImage: "This file is not an image we accept. Please upload a JPEG, PNG, WebP, AVIF or GIF.",
  tooManyPixels: `The image is too large in pixels (over ${MAX_INPUT_PIXELS / 1_000_000} megapixels). Please resize it first.`,
  unreadable: "The image could not be read; it may be damaged or incomplete.",
} as const;

/** What sharp calls each accepted type (AVIF is HEIF with AV1 compression). */
const SHARP_FORMAT: Record<ImageType, string> = {
  jpeg: "jpeg",
  png: "png",
  webp: "webp",
  gif: "gif",
  avif: "heif",
};

/** libvips refuses an over-limit image from its header ("exceeds pixel limit"). */
function decodeFailure(error: unknown): AppError {
  const message = String((error as Error)?.message ?? "");
  return new AppError(
    "invalid",
    /pixel limit/i.test(message) ? UPLOAD_MESSAGES.tooManyPixels : UPLOAD_MESSAGES.unreadable,
  );
}

const brand = Symbol("processed-image");

/**
 * An image this process decoded, re-encoded and wrote to UPLOAD_DIR. It cannot be made
 * from JSON or form data, so the `uploadMedia` command (which takes one as input) can only
 * ever register files the server itself generated, whoever calls it.
 */
export class ProcessedImage {
  readonly [brand] = true;
  constructor(
    token: typeof brand,
    readonly mediaId: string,
    readonly sourceType: ImageType,
    /** Of the upload after orientation, before resizing. */
    readonly width: number,
    readonly height: number,
    /** Size of the upload as received (it is never kept). */
    readonly bytes: number,
    readonly variants: MediaVariant[],
  ) {
    if (token !== brand) throw new Error("ProcessedImage is made by processImage only");
  }
}

/**
 * The upload pipeline (THREATS 32): size cap, magic-byte allowlist, decode with a pixel
 * limit and failOn "error", auto-orient, then re-encode from pixels into responsive WebP
 * widths and one JPEG. Metadata (EXIF, GPS, XMP, ICC, comments) is not carried over: sharp
 * writes none unless asked with withMetadata/keepExif, which this never calls. Anything
 * trailing the image data (a polyglot's HTML) is simply not part of the pixels.
 */
export async function processImage(buffer: Uint8Array): Promise<ProcessedImage> {
  if (buffer.byteLength > MAX_UPLOAD_BYTES)
    throw new AppError("too_large", UPLOAD_MESSAGES.tooLarge);
  const detected = detectImageType(buffer);
  if (!detected.ok) {
    const message =
      detected.reason === "empty"
        ? UPLOAD_MESSAGES.empty
        : detected.reason === "svg"
          ? UPLOAD_MESSAGES.svg
          : UPLOAD_MESSAGES.notImage;
    throw new AppError("invalid", message);
  }
  const options = {
    limitInputPixels: MAX_INPUT_PIXELS,
    failOn: "error" as const,
    // Animated GIF/WebP: the first frame only; the newsroom publishes stills.
    pages: 1,
  };

  let meta: Metadata;
  try {
    meta = await sharp(buffer, options).metadata();
  } catch (error) {
    throw decodeFailure(error);
  }
  // The decoder must agree with the signature: an AVIF that is really HEVC, or a file whose
  // header says one thing and whose body another, goes no further.
  if (
    meta.format !== SHARP_FORMAT[detected.type] ||
    (detected.type === "avif" && meta.compression !== "av1")
  ) {
    throw new AppError("invalid", UPLOAD_MESSAGES.notImage);
  }
  // Checked from the header before any pixel is decoded (sharp checks again while decoding).
  const frameHeight = meta.pageHeight ?? meta.height;
  if (!meta.width || !frameHeight || meta.width * frameHeight > MAX_INPUT_PIXELS) {
    throw new AppError("invalid", UPLOAD_MESSAGES.tooManyPixels);
  }

  const largest = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!;
  let base: { data: Buffer; info: OutputInfo };
  try {
    // Decode once: orient, bring into sRGB, shrink to the largest width we keep, and hold
    // that as raw pixels from which every rendition is made.
    base = await sharp(buffer, options)
      .rotate()
      .toColourspace("srgb")
      .resize({ width: largest, withoutEnlargement: true })
      .timeout({ seconds: 30 })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw decodeFailure(error);
  }
  const { width: topWidth, height: topHeight, channels } = base.info;
  const orientedSwap = (meta.orientation ?? 1) >= 5;
  const width = orientedSwap ? frameHeight : meta.width;
  const height = orientedSwap ? meta.width : frameHeight;

  const raw = () => sharp(base.data, { raw: { width: topWidth, height: topHeight, channels } });
  const files: { file: string; data: Buffer }[] = [];
  const variants: MediaVariant[] = [];
  const add = (info: OutputInfo, data: Buffer, format: "webp" | "jpg") => {
    const file = variantFile(info.width, format);
    files.push({ file, data });
    variants.push({ width: info.width, height: info.height, format, file, bytes: data.length });
  };
  for (const w of variantWidths(topWidth)) {
    const out = await raw()
      .resize({ width: w, withoutEnlargement: true })
      .webp({ quality: 80, effort: 4 })
      .toBuffer({ resolveWithObject: true });
    add(out.info, out.data, "webp");
  }
  const jpeg = await raw()
    .resize({ width: fallbackJpegWidth(topWidth), withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  add(jpeg.info, jpeg.data, "jpg");

  const mediaId = crypto.randomUUID();
  await writeMediaFiles(mediaId, files);
  return new ProcessedImage(
    brand,
    mediaId,
    detected.type,
    width,
    height,
    buffer.byteLength,
    variants,
  );
}
