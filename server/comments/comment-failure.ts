import "server-only";
import { COMMENT_FAILURES, type CommentFailure } from "@/lib/comments/messages";
import type { PublicError } from "../errors";

const BY_MESSAGE = new Map<string, CommentFailure>(
  Object.entries(COMMENT_FAILURES).map(([reason, message]) => [message, reason as CommentFailure]),
);

/**
 * The reason code for a refused comment: what a page without JavaScript gets in its URL
 * (`?comment=error&reason=…`) and shows as a fixed message. The command's messages come
 * from the same table, so the message identifies the reason.
 */
export function commentFailure(error: PublicError): CommentFailure {
  const fromMessage = BY_MESSAGE.get(error.message);
  if (fromMessage) return fromMessage;
  for (const message of Object.values(error.fields ?? {})) {
    const fromField = BY_MESSAGE.get(message);
    if (fromField) return fromField;
  }
  switch (error.code) {
    case "not_found":
      return "not_found";
    case "rate_limited":
      return "rate_limited";
    case "too_large":
      return "too_large";
    case "forbidden":
      return "origin";
    default:
      return "error";
  }
}
