/** A staff timestamp in UTC, e.g. "2026-05-01 14:03 UTC". */
export const utcStamp = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export const KIND_LABELS = {
  autosave: "Autosave",
  manual: "Manual save",
  restore: "Restore",
} as const;

export const revisionsPath = (articleId: string) => `/newsroom/articles/${articleId}/revisions`;

export const comparePath = (articleId: string, from: number, to: number) =>
  `${revisionsPath(articleId)}/compare?from=${from}&to=${to}`;
