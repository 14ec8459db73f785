import { COMMENT_FAILURES, FAILURE_FIELD, PENDING_MESSAGE } from "@/lib/comments/messages";
import { commentFailure } from "@/server/comments/comment-failure";
import { postComment } from "@/server/comments/post-comment";
import { liveStoryPath } from "@/server/comments/queries/story-path";
import { readCommentForm, refererPath } from "@/server/comments/read-comment-form";
import { ERROR_STATUS, type PublicError } from "@/server/errors";
import { clientAddress } from "@/server/http/client-address";
import { isSameOrigin } from "@/server/http/origin";

/**
 * The comment form's target. Without JavaScript the browser posts the form here and is sent
 * back to the story (303) with the outcome in the query; the enhanced form asks for JSON
 * (`Accept: application/json`) and shows the outcome in place. Readers are anonymous: the
 * command runs with no session, and the origin check stands in for a CSRF token.
 */
export async function POST(request: Request): Promise<Response> {
  const json = (request.headers.get("accept") ?? "").includes("application/json");
  if (!isSameOrigin(request.headers)) {
    return failed(json, null, { code: "forbidden", message: COMMENT_FAILURES.origin });
  }
  const read = await readCommentForm(request);
  if (!read.ok) {
    const tooLarge = read.problem === "too_large";
    return failed(
      json,
      tooLarge ? refererPath(request.headers) : null,
      tooLarge
        ? { code: "too_large", message: COMMENT_FAILURES.too_large }
        : { code: "invalid", message: COMMENT_FAILURES.error },
    );
  }
  const path = await liveStoryPath(read.form.articleId);
  const result = await postComment.execute(null, {
    ...read.form,
    clientAddress: clientAddress(request.headers),
  });
  if (!result.ok) return failed(json, path, result.error);
  if (json) {
    return Response.json(
      { ok: true, message: PENDING_MESSAGE },
      { status: 202, headers: NO_STORE },
    );
  }
  return path
    ? seeOther(`${path}?comment=pending#comments`)
    : page(404, COMMENT_FAILURES.not_found);
}

const NO_STORE = { "cache-control": "no-store" };

function failed(json: boolean, path: string | null, error: PublicError): Response {
  const reason = commentFailure(error);
  const status = ERROR_STATUS[error.code];
  const retry = (error.detail as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  const headers: Record<string, string> = { ...NO_STORE };
  if (retry) headers["retry-after"] = String(retry);
  if (json) {
    const body = {
      ok: false,
      reason,
      message: COMMENT_FAILURES[reason],
      field: FAILURE_FIELD[reason],
    };
    return Response.json(body, { status, headers });
  }
  if (!path) return page(status, COMMENT_FAILURES[reason]);
  return seeOther(`${path}?comment=error&reason=${reason}#leave-a-reply`);
}

function seeOther(location: string): Response {
  // A relative Location: the browser resolves it against the address it posted to.
  return new Response(null, { status: 303, headers: { location, ...NO_STORE } });
}

/** A minimal page for when there is no story to go back to; its text is one of ours. */
function page(status: number, message: string): Response {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Comment not posted</title></head><body><main id="main-content"><h1>Comment not posted</h1><p>${message}</p><p><a href="/">Go to the front page</a></p></main></body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8", ...NO_STORE } },
  );
}
