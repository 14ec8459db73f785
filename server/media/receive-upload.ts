import "server-only";
import { MAX_UPLOAD_BYTES } from "@/lib/media/variants";
import type { SessionClaims } from "../auth/actor";
import { ERROR_STATUS, type PublicError } from "../errors";
import { isSameOrigin } from "../http/origin";
import { UPLOAD_MESSAGES } from "./process-image";
import { refuseUnlessUploader, storeUpload } from "./upload-media";

/** Room for the multipart envelope and the alt/caption/credit fields around the file. */
const MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/** What the editor gets back for a stored image: exactly the figure node's attributes. */
export type UploadAnswer = {
  id: string;
  src: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
};

const NO_STORE = { "cache-control": "no-store" };

function failure(error: PublicError): Response {
  return Response.json(
    { error: { code: error.code, message: error.message, fields: error.fields } },
    { status: ERROR_STATUS[error.code], headers: NO_STORE },
  );
}

/** Reads at most `limit` bytes of the body; null as soon as it is longer (the rest is never read). */
async function readCapped(
  request: Request,
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * POST /api/media: one image as multipart/form-data (field `file`, optional `alt`,
 * `caption`, `credit`). Checks, in order of cost: the Origin (THREATS 20: a cross-site
 * `text/plain` or form post is refused before anything else), the session (staff only),
 * the content type, the declared length, then the body as it streams in, capped.
 * Answers the figure attributes as JSON, or `{ error: { code, message } }` with a 4xx.
 */
export async function handleUploadRequest(
  request: Request,
  claims: SessionClaims | null,
): Promise<Response> {
  if (!isSameOrigin(request.headers)) {
    return failure({ code: "forbidden", message: "This request did not come from this site." });
  }
  const refused = await refuseUnlessUploader(claims);
  if (refused && !refused.ok) return failure(refused.error);

  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    return failure({
      code: "invalid",
      message: "Send the image as a file upload (multipart/form-data).",
    });
  }
  const tooLarge: PublicError = { code: "too_large", message: UPLOAD_MESSAGES.tooLarge };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > MAX_REQUEST_BYTES) return failure(tooLarge);
  const body = await readCapped(request, MAX_REQUEST_BYTES);
  if (!body) return failure(tooLarge);

  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    return failure({ code: "invalid", message: "The upload could not be read. Please try again." });
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) {
    return failure({ code: "invalid", message: "Choose an image to upload." });
  }
  if (file.size > MAX_UPLOAD_BYTES) return failure(tooLarge);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const result = await storeUpload(
    new Uint8Array(await file.arrayBuffer()),
    file instanceof File ? file.name : "",
    claims,
    { alt: field("alt"), caption: field("caption"), credit: field("credit") },
  );
  if (!result.ok) return failure(result.error);
  const m = result.data;
  const answer: UploadAnswer = {
    id: m.id,
    src: m.src,
    width: m.width,
    height: m.height,
    alt: m.alt,
    caption: m.caption,
    credit: m.credit,
  };
  return Response.json(answer, { status: 201, headers: NO_STORE });
}
