/**
 * What a reader is told about a comment, shared by the server (which decides) and the
 * comment form (which shows it, with or without JavaScript). A failure travels back to a
 * page without JavaScript as a short reason code in the URL, never as free text, so a
 * crafted link cannot make the page say anything else.
 */
export const COMMENT_LIMITS = {
  nameMax: 100,
  emailMax: 254,
  bodyMax: 5_000,
} as const;

export const PENDING_MESSAGE = "Your comment is awaiting moderation";

export const COMMENT_FAILURES = {
  name_missing: "Please give your name.",
  name_long: `Your name is too long: at most ${COMMENT_LIMITS.nameMax} characters.`,
  name_invalid: "Your name contains a character that is not allowed.",
  email_invalid: "Please give a valid email address. It is never shown publicly.",
  body_missing: "Please write a comment.",
  body_long: `Your comment is too long: at most ${COMMENT_LIMITS.bodyMax.toLocaleString("en-GB")} characters.`,
  body_invalid: "Your comment contains a character that is not allowed.",
  too_large: `Your comment is far too long: at most ${COMMENT_LIMITS.bodyMax.toLocaleString("en-GB")} characters.`,
  parent: "The comment you are replying to is not available.",
  duplicate: "You already posted that comment.",
  rate_limited: "You are commenting too quickly. Please wait a little and try again.",
  closed: "Comments are closed on this story.",
  not_found: "This story is not open for comments.",
  origin: "This request did not come from this site.",
  error: "Your comment could not be posted. Please try again.",
} as const;

export type CommentFailure = keyof typeof COMMENT_FAILURES;

/** Which form field a failure is about, so the form can mark and focus it. */
export const FAILURE_FIELD: Partial<Record<CommentFailure, "name" | "email" | "body">> = {
  name_missing: "name",
  name_long: "name",
  name_invalid: "name",
  email_invalid: "email",
  body_missing: "body",
  body_long: "body",
  body_invalid: "body",
  too_large: "body",
  duplicate: "body",
};

export function isCommentFailure(value: unknown): value is CommentFailure {
  return typeof value === "string" && Object.hasOwn(COMMENT_FAILURES, value);
}
