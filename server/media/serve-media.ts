import "server-only";
import fs from "node:fs";
import { Readable } from "node:stream";
import { MEDIA_FILE } from "@/lib/media/variants";
import { mediaFilePath } from "./storage";

const CONTENT_TYPES: Record<string, string> = { webp: "image/webp", jpg: "image/jpeg" };

/**
 * Headers of every generated image. Immutable: a media id's files never change. nosniff and
 * a sandboxing CSP make sure that, whatever the bytes, a browser treats the response as an
 * image and never runs anything from it (THREATS 32); `inline` with our own file name.
 */
function imageHeaders(file: string, bytes: number): Record<string, string> {
  const ext = MEDIA_FILE.exec(file)![2]!;
  return {
    "content-type": CONTENT_TYPES[ext]!,
    "content-length": String(bytes),
    "cache-control": "public, max-age=31536000, immutable",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "content-disposition": `inline; filename="${file}"`,
    "cross-origin-resource-policy": "same-site",
  };
}

function missing(): Response {
  return new Response("Not found.", {
    status: 404,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}

/**
 * GET /media/{id}/{file}: only files the server generated. The id must be a UUID and the
 * name `{width}.webp|jpg` (storage.ts checks both before building a path); anything else,
 * and anything not on disk, is the same plain 404.
 */
export async function serveMedia(id: string, file: string, method = "GET"): Promise<Response> {
  const filePath = mediaFilePath(id, file);
  if (!filePath) return missing();
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(filePath);
  } catch {
    return missing();
  }
  if (!stat.isFile()) return missing();
  const headers = imageHeaders(file, stat.size);
  if (method === "HEAD") return new Response(null, { status: 200, headers });
  const stream = Readable.toWeb(fs.createReadStream(filePath)) as ReadableStream<Uint8Array>;
  return new Response(stream, { status: 200, headers });
}
