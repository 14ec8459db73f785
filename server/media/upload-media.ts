import "server-only";
import { z } from "zod";
import { media } from "@/db/schema";
import type { SessionClaims } from "../auth/actor";
import { loadActor } from "../auth/actor";
import { defineCommand } from "../command";
import { db } from "../db";
import { AppError, type Result } from "../errors";
import { log } from "../log";
import { decide } from "../policy";
import { displayName, mediaDetails } from "./details-input";
import { type MediaItem, toMediaItem } from "./media-item";
import { ProcessedImage, processImage } from "./process-image";
import { removeMediaFiles } from "./storage";

/**
 * Registers an image the server has already processed. Any member of staff may upload.
 * The input holds a ProcessedImage instance, which no client can send (it is not data but
 * an object made by processImage in this process): the row can only ever describe files
 * the server generated, whatever exposes this command.
 */
export const uploadMedia = defineCommand({
  name: "uploadMedia",
  permission: "article.create",
  input: z.strictObject({
    image: z.instanceof(ProcessedImage, { message: "No processed image." }),
    originalName: z.string().max(10_000).transform(displayName),
    ...mediaDetails,
  }),
  async run({ actor, tx }, input) {
    const { image } = input;
    const [row] = await tx
      .insert(media)
      .values({
        id: image.mediaId,
        uploadedBy: actor!.id,
        originalName: input.originalName,
        sourceType: image.sourceType,
        width: image.width,
        height: image.height,
        bytes: image.bytes,
        alt: input.alt,
        caption: input.caption,
        credit: input.credit,
        variants: image.variants,
      })
      .returning();
    return toMediaItem(row!);
  },
});

/**
 * Null when these claims belong to someone who may upload; otherwise the command's own
 * refusal (audited as authz_denied), given before any byte of the upload is read.
 */
export async function refuseUnlessUploader(
  claims: SessionClaims | null,
): Promise<Result<never> | null> {
  const actor = await loadActor(await db(), claims);
  if (decide(actor, "article.create") === "allow") return null;
  // The wrapper checks the actor before it looks at the input, so this only refuses.
  const refusal = await uploadMedia.execute(claims, null);
  return refusal.ok
    ? { ok: false, error: { code: "forbidden", message: "You may not do that." } }
    : refusal;
}

export type UploadDetails = { alt?: string; caption?: string; credit?: string };

/**
 * The whole upload use case: who is asking is checked first (so an anonymous request costs
 * no decoding), then the bytes are checked and re-encoded (process-image.ts), then the row
 * is written by the `uploadMedia` command, which checks the actor again. The slow image work
 * happens outside any transaction: the embedded database has a single connection.
 *
 * Takes the session claims rather than a user id: the command wrapper re-reads the user.
 */
export async function storeUpload(
  buffer: Uint8Array,
  originalName: string,
  claims: SessionClaims | null,
  details: UploadDetails = {},
): Promise<Result<MediaItem>> {
  const refused = await refuseUnlessUploader(claims);
  if (refused) return refused;
  let image: ProcessedImage;
  try {
    image = await processImage(buffer);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toPublic() };
    log.error({ err: error }, "image processing failed");
    return {
      ok: false,
      error: { code: "internal", message: "The image could not be processed; nothing was saved." },
    };
  }
  const result = await uploadMedia.execute(claims, { image, originalName, ...details });
  if (!result.ok) {
    await removeMediaFiles(image.mediaId).catch((err) =>
      log.warn({ err, mediaId: image.mediaId }, "could not remove files of a refused upload"),
    );
  }
  return result;
}
