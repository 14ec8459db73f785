import "server-only";

/**
 * Alt text is required before a story is submitted (issue 4): the submit transition calls
 * `missingAltText(body)` and refuses with `missingAltTextMessage(n)` when n > 0. The
 * function itself is pure and lives in lib/ so the editor can show the same count.
 */
export { missingAltText, missingAltTextMessage } from "@/lib/media/missing-alt-text";
