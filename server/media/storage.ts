import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { isMediaId, MEDIA_FILE } from "@/lib/media/variants";
import { config } from "../config";

/**
 * Where generated images live: `UPLOAD_DIR/{mediaId}/{width}.{webp|jpg}`. Every path is
 * built from a UUID the server drew and a name the server made; the one function that takes
 * names from a request (`mediaFilePath`) checks both against strict patterns first, and
 * never joins anything else.
 */
export function uploadDir(): string {
  return config().uploadDir;
}

function mediaDir(mediaId: string): string {
  if (!isMediaId(mediaId)) throw new Error("not a media id");
  return path.join(uploadDir(), mediaId);
}

/** The file for a served URL, or null when the id or name is not one the server makes. */
export function mediaFilePath(mediaId: string, file: string): string | null {
  if (!isMediaId(mediaId) || !MEDIA_FILE.test(file)) return null;
  return path.join(uploadDir(), mediaId, file);
}

/**
 * Writes one image's files into a private staging directory, then renames it into place, so
 * an instance sharing UPLOAD_DIR never sees half an upload. Returns the media id.
 */
export async function writeMediaFiles(
  mediaId: string,
  files: readonly { file: string; data: Buffer }[],
): Promise<void> {
  const root = uploadDir();
  await fs.mkdir(root, { recursive: true });
  const staging = path.join(root, `.staging-${crypto.randomUUID()}`);
  await fs.mkdir(staging);
  try {
    for (const { file, data } of files) {
      if (!MEDIA_FILE.test(file)) throw new Error("not a generated file name");
      await fs.writeFile(path.join(staging, file), data, { flag: "wx", mode: 0o644 });
    }
    await fs.rename(staging, mediaDir(mediaId));
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Removes an image's files (after its database row could not be written). */
export async function removeMediaFiles(mediaId: string): Promise<void> {
  await fs.rm(mediaDir(mediaId), { recursive: true, force: true });
}
