import "server-only";

export type ImageType = "jpeg" | "png" | "webp" | "avif" | "gif";

export type Detection =
  | { ok: true; type: ImageType }
  | { ok: false; reason: "svg" | "markup" | "unknown" | "empty" };

const ascii = (buf: Uint8Array, start: number, end: number) =>
  Buffer.from(buf.subarray(start, end)).toString("latin1");

/**
 * The real type of an upload, from its first bytes (never from its name or the browser's
 * Content-Type). Only the five raster formats the newsroom uses pass. SVG is refused by
 * name, since it is XML that can carry scripts; so is anything that looks like markup.
 *
 * Hand-written rather than `file-type`, whose current release needs Node 22 (this runs on
 * Node 20): five signatures, and sharp's own decoder must then agree (process-image.ts).
 */
export function detectImageType(buf: Uint8Array): Detection {
  if (buf.length === 0) return { ok: false, reason: "empty" };
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) {
    return { ok: true, type: "jpeg" };
  }
  if (buf.length >= 8 && ascii(buf, 0, 8) === "\x89PNG\r\n\x1a\n") return { ok: true, type: "png" };
  if (buf.length >= 6 && (ascii(buf, 0, 6) === "GIF87a" || ascii(buf, 0, 6) === "GIF89a")) {
    return { ok: true, type: "gif" };
  }
  if (buf.length >= 12 && ascii(buf, 0, 4) === "RIFF" && ascii(buf, 8, 12) === "WEBP") {
    return { ok: true, type: "webp" };
  }
  if (isAvif(buf)) return { ok: true, type: "avif" };
  return { ok: false, reason: looksLikeMarkup(buf) };
}

/** An ISO-BMFF `ftyp` box whose major or a compatible brand is avif (still) or avis (sequence). */
function isAvif(buf: Uint8Array): boolean {
  if (buf.length < 16 || ascii(buf, 4, 8) !== "ftyp") return false;
  const size = Buffer.from(buf.subarray(0, 4)).readUInt32BE(0);
  if (size < 16 || size > Math.min(buf.length, 4096)) return false;
  for (let at = 8; at + 4 <= size; at += 4) {
    if (at === 12) continue; // the minor version, not a brand
    const brand = ascii(buf, at, at + 4);
    if (brand === "avif" || brand === "avis") return true;
  }
  return false;
}

/** Why a non-image was refused, so the person is told something useful. */
function looksLikeMarkup(buf: Uint8Array): "svg" | "markup" | "unknown" {
  const head = Buffer.from(buf.subarray(0, 4096))
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (/<svg[\s>]/.test(head) || head.includes("image/svg+xml")) return "svg";
  if (head.startsWith("<")) return "markup";
  return "unknown";
}
