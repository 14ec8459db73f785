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
