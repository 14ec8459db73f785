import "server-only";
import { COMMENT_LIMITS } from "@/lib/comments/messages";

/**
 * The most a comment post may carry. A maximal comment of astral characters is about
 * 5,000 × 12 bytes once URL-encoded; past this the request is refused before parsing,
 * so a huge body costs the server nothing.
 */
export const MAX_COMMENT_REQUEST_BYTES = COMMENT_LIMITS.bodyMax * 12 + 16 * 1024;

/** The fields the comment command reads; anything else in the form is ignored. */
const FIELDS = ["articleId", "parentId", "name", "email", "body", "website"] as const;

export type CommentForm = Partial<Record<(typeof FIELDS)[number], string>>;

/**
 * Reads an urlencoded comment form (what a plain HTML form and the enhanced form both send),
 * counting bytes as they arrive. Other content types are refused: a cross-site `text/plain`
 * post cannot be shaped into a comment, whatever the origin check says.
 */
export async function readCommentForm(
  request: Request,
): Promise<{ ok: true; form: CommentForm } | { ok: false; problem: "too_large" | "unsupported" }> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return { ok: false, problem: "unsupported" };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_COMMENT_REQUEST_BYTES) return { ok: false, problem: "too_large" };
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_COMMENT_REQUEST_BYTES) {
        await reader.cancel();
        return { ok: false, problem: "too_large" };
      }
      chunks.push(value);
    }
  }
  const params = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
  const form: CommentForm = {};
  for (const field of FIELDS) {
    const value = params.get(field);
    if (value !== null) form[field] = value;
  }
  return { ok: true, form };
}

/**
 * The path of the page a same-origin post came from, to send a refused oversized post back
 * to (its fields were never read). Only a plain path on this site: never `//host`.
 */
export function refererPath(headers: { get(name: string): string | null }): string | null {
  const referer = headers.get("referer");
  if (!referer) return null;
  try {
    const url = new URL(referer);
    const origin = headers.get("origin");
    if (origin && url.origin !== origin) return null;
    return /^\/(?![/\\])[^?#]*$/.test(url.pathname) ? url.pathname : null;
  } catch {
    return null;
  }
}
