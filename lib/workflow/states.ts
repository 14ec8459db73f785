/**
 * The article lifecycle states. The database enum is generated from this list and the
 * state machine in server/articles/workflow.ts is keyed by it, so the two cannot drift.
 * Pure data: the newsroom UI imports the labels.
 */
export const ARTICLE_STATUSES = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "scheduled",
  "published",
  "unpublished",
  "spiked",
] as const;

export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Labels as UI-CONTRACT.md names them. */
export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
  scheduled: "Scheduled",
  published: "Published",
  unpublished: "Unpublished",
  spiked: "Spiked",
};

export const ROLES = ["reporter", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Higher rank may do everything a lower one may; used for "nobody grants above their own". */
export const ROLE_RANK: Record<Role, number> = { reporter: 1, editor: 2, admin: 3 };
