/** Limits on a story body. A 1 MB article is supported (THREATS 38); past these, refuse. */
export const CONTENT_LIMITS = {
  maxDepth: 32,
  maxNodes: 60_000,
  maxTextChars: 1_000_000,
  maxAttrChars: 2_000,
  headlineMax: 200,
  standfirstMax: 600,
  datelineMax: 120,
  sourceMax: 300,
} as const;

/**
 * The largest request body a server action accepts (next.config.ts reads it). Past it Next
 * refuses the request before our code runs, with an error the browser cannot tell from any
 * other, so the editor measures what it is about to send and says so itself.
 */
export const ACTION_BODY_LIMIT_BYTES = 6 * 1024 * 1024;
