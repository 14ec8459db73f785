import "server-only";
import { type ArticleStatus, STATUS_LABELS } from "@/lib/workflow/states";
import { type Actor, type ArticleScope, can, type Permission } from "../policy";

export type Transition = {
  /** States the story must be in. Anything else is refused as stale. */
  from: readonly ArticleStatus[];
  to: ArticleStatus;
  permission: Permission;
  /** The button, as UI-CONTRACT.md names it. */
  label: string;
  audit: string;
  /** A note is required (request changes). */
  requiresNote?: boolean;
};

/**
 * The one state machine (DESIGN.md invariant 2). Buttons are derived from it
 * (`availableTransitions`) and the server enforces it (`commands/transitions.ts`).
 */
export const TRANSITIONS = {
  submit: {
    from: ["draft", "changes_requested"],
    to: "in_review",
    permission: "article.submit",
    label: "Submit for review",
    audit: "submitted",
  },
  requestChanges: {
    from: ["in_review", "approved"],
    to: "changes_requested",
    permission: "article.review",
    label: "Request changes",
    audit: "changes_requested",
    requiresNote: true,
  },
  approve: {
    from: ["in_review"],
    to: "approved",
    permission: "article.review",
    label: "Approve",
    audit: "approved",
  },
  publish: {
    from: ["approved", "unpublished"],
    to: "published",
    permission: "article.publish",
    label: "Publish",
    audit: "published",
  },
  unpublish: {
    from: ["published"],
    to: "unpublished",
    permission: "article.publish",
    label: "Unpublish",
    audit: "unpublished",
  },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as TransitionName[];

/** The transitions this actor may fire on this story now: the buttons to show. */
export function availableTransitions(actor: Actor, article: ArticleScope): TransitionName[] {
  return TRANSITION_NAMES.filter((name) => {
    const t: Transition = TRANSITIONS[name];
    return t.from.includes(article.status) && can(actor, t.permission, article);
  });
}

export function staleMessage(current: ArticleStatus): string {
  return `This story is now ${STATUS_LABELS[current]}: someone else changed it. Reload to see where it stands.`;
}
