"use client";

import { MAX_UPLOAD_BYTES } from "@/lib/media/variants";

/** The `figure` node's attributes (lib/content/extensions.ts), as an upload or pick gives them. */
export type FigureAttrs = {
  mediaId: string;
  src: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
};

export type UploadOutcome = { ok: true; figure: FigureAttrs } | { ok: false; message: string };

export type ImageDetails = { alt?: string; caption?: string; credit?: string };

const TOO_LARGE = `The image is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Please upload a smaller file.`;

/**
 * Sends one file to POST /api/media (same origin, the session cookie goes with it). The
 * server decides everything (type, size, pixels); the size check here only saves a long
 * wait on an upload that would be refused anyway.
 */
export async function uploadImage(file: File, details: ImageDetails = {}): Promise<UploadOutcome> {
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, message: TOO_LARGE };
  const body = new FormData();
  body.set("file", file, file.name);
  for (const key of ["alt", "caption", "credit"] as const) {
    const value = details[key];
    if (value) body.set(key, value);
  }
  let response: Response;
  try {
    response = await fetch("/api/media", { method: "POST", body, credentials: "same-origin" });
  } catch {
    return {
      ok: false,
      message: "The image could not be sent. Check your connection and try again.",
    };
  }
  const json = (await response.json().catch(() => null)) as
    | (Omit<FigureAttrs, "mediaId"> & { id: string })
    | { error?: { message?: string; fields?: Record<string, string> } }
    | null;
  if (response.ok && json && "id" in json) {
    const { id, ...rest } = json;
    return { ok: true, figure: { mediaId: id, ...rest } };
  }
  if (response.status === 413) return { ok: false, message: TOO_LARGE };
  const error = json && "error" in json ? json.error : undefined;
  const field = error?.fields ? Object.values(error.fields)[0] : undefined;
  return {
    ok: false,
    message: field ?? error?.message ?? "The image could not be uploaded. Please try again.",
  };
}

/** Image files among those pasted or dropped (the server checks the real type). */
export function imageFiles(list: FileList | null | undefined): File[] {
  return Array.from(list ?? []).filter((f) => f.type.startsWith("image/"));
}
