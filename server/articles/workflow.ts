import "server-only";
import { type ArticleStatus, STATUS_LABELS } from "@/lib/workflow/states";
import { type Actor, type ArticleScope, can, type Permission } from "../policy";

type UpdateState = "editing" | "in_review" | null;

export type Transition = {
  /** States the story must be in. Anything else is refused as stale. */
  from: readonly ArticleStatus[];
  /** For transitions of a live story's update: the update states it must be in. */
  update?: readonly UpdateState[];
  to: ArticleStatus;
  permission: Permission;
  /** The button, as UI-CONTRACT.md names it. */
  label: string;
  /** The audit action written with it. */
  audit: string;
  /** A note is required (request changes): the reporter must know why. */
  requiresNote?: boolean;
  /** Needs a time (schedule). */
  requiresTime?: boolean;
  /** Who is told (see server/notifications). */
  notify?: "editors" | "bylines";
};

const BEFORE_PUBLICATION = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "scheduled",
] as const;

/**
 * The one state machine (DESIGN.md invariant 2). The newsroom's buttons are derived from
 * it (`availableTransitions`), the server enforces it (`commands/transitions.ts`), and the
 * database enum comes from the same state list (lib/workflow/states.ts).
 *
 * A live story is edited in a working copy; its update has its own small cycle (editing →
 * in review → published) while the story stays Published and readers keep the live revision.
 */
export const TRANSITIONS = {
  submit: {
    from: ["draft", "changes_requested"],
    to: "in_review",
    permission: "article.submit",
    label: "Submit for review",
    audit: "submitted",
    notify: "editors",
  },
  withdraw: {
    from: ["in_review"],
    to: "draft",
    permission: "article.submit",
    label: "Withdraw",
    audit: "withdrawn",
  },
  requestChanges: {
    from: ["in_review", "approved", "scheduled"],
    to: "changes_requested",
    permission: "article.review",
    label: "Request changes",
    audit: "changes_requested",
    requiresNote: true,
    notify: "bylines",
  },
  approve: {
    from: ["in_review"],
    to: "approved",
    permission: "article.review",
    label: "Approve",
    audit: "approved",
    notify: "bylines",
  },
  schedule: {
    from: ["approved", "scheduled"],
    to: "scheduled",
    permission: "article.publish",
    label: "Schedule",
    audit: "scheduled",
    requiresTime: true,
    notify: "bylines",
  },
  cancelSchedule: {
    from: ["scheduled"],
    to: "approved",
    permission: "article.publish",
    label: "Cancel schedule",
    audit: "schedule_cancelled",
  },
  publish: {
    from: ["approved", "scheduled", "unpublished"],
    to: "published",
    permission: "article.publish",
    label: "Publish",
    audit: "published",
    notify: "bylines",
  },
  submitUpdate: {
    from: ["published"],
    update: ["editing"],
    to: "published",
    permission: "article.submit",
    label: "Submit update for review",
    audit: "update_submitted",
    notify: "editors",
  },
  requestUpdateChanges: {
    from: ["published"],
    update: ["in_review"],
    to: "published",
    permission: "article.review",
    label: "Request changes",
    audit: "update_changes_requested",
    requiresNote: true,
    notify: "bylines",
  },
  publishUpdate: {
    from: ["published"],
    update: ["editing", "in_review"],
    to: "published",
    permission: "article.publish",
    label: "Publish update",
    audit: "update_published",
    notify: "bylines",
  },
  discardUpdate: {
    from: ["published"],
    update: ["editing", "in_review"],
    to: "published",
    permission: "article.submit",
    label: "Discard update",
    audit: "update_discarded",
  },
  unpublish: {
    from: ["published"],
    to: "unpublished",
    permission: "article.publish",
    label: "Unpublish",
    audit: "unpublished",
  },
  spike: {
    from: BEFORE_PUBLICATION,
    to: "spiked",
    permission: "article.review",
    label: "Spike",
    audit: "spiked",
  },
  restore: {
    from: ["spiked"],
    to: "draft",
    permission: "article.review",
    label: "Restore",
    audit: "restored",
  },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as TransitionName[];

/** Is the story in a state this transition starts from? */
export function startsFrom(t: Transition, article: ArticleScope): boolean {
  if (!t.from.includes(article.status)) return false;
  if (t.update) return t.update.includes(article.updateStatus ?? null);
  return true;
}

/** The transitions this actor may fire on this story now: the buttons to show. */
export function availableTransitions(actor: Actor, article: ArticleScope): TransitionName[] {
  return TRANSITION_NAMES.filter((name) => {
    const t: Transition = TRANSITIONS[name];
    return startsFrom(t, article) && can(actor, t.permission, article);
  });
}

export function staleMessage(current: ArticleStatus): string {
  return `This story is now ${STATUS_LABELS[current]}: someone else changed it. Reload to see where it stands.`;
}
