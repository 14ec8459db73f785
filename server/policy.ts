import "server-only";
import type { ArticleStatus, Role } from "@/lib/workflow/states";

/** Who is acting, as re-read from the database on this request. */
export type Actor = {
  id: string;
  role: Role;
  name: string;
  email: string;
  /** Present (true) when an admin requires two-factor and this user has not set it up yet. */
  twoFactorPending?: true;
};

/** What the policy needs to know about a story to decide. */
export type ArticleScope = {
  createdBy: string;
  authorIds: readonly string[];
  status: ArticleStatus;
  /** Where an update to a live story stands (null when there is none). */
  updateStatus?: "editing" | "in_review" | null;
};

type Rule = {
  roles: readonly Role[];
  /** Further condition on the resource for a role; absent ⇒ the role alone decides. */
  when?: Partial<Record<Role, (actor: Actor, article: ArticleScope) => boolean>>;
};

const STAFF = ["reporter", "editor", "admin"] as const;
const DESK = ["editor", "admin"] as const;

const isOwn = (actor: Actor, a: ArticleScope) =>
  a.createdBy === actor.id || a.authorIds.includes(actor.id);
const REPORTER_EDITABLE: readonly ArticleStatus[] = ["draft", "changes_requested"];
/** A reporter may draft an update to their live story until they send it for review. */
const reporterMayEdit = (actor: Actor, a: ArticleScope) =>
  isOwn(actor, a) &&
  (REPORTER_EDITABLE.includes(a.status) ||
    (a.status === "published" && a.updateStatus !== "in_review"));

/**
 * The one permission table (DESIGN.md invariant 1). Every command names one of these keys;
 * the command wrapper asks `decide` before running anything. Editors may do everything to
 * every story; reporters only to their own (created or bylined), and edit only while the
 * story is with them (Draft or Changes requested, or drafting an update to their live story,
 * which then goes back through review); admins are editors who also manage staff.
 */
export const POLICY = {
  public: { roles: [] },
  "article.create": { roles: STAFF },
  "article.view": { roles: STAFF, when: { reporter: isOwn } },
  "article.edit": {
    roles: STAFF,
    when: {
      reporter: reporterMayEdit,
      editor: (_, a) => a.status !== "spiked",
      admin: (_, a) => a.status !== "spiked",
    },
  },
  "article.submit": { roles: STAFF, when: { reporter: isOwn } },
  "article.review": { roles: DESK },
  "article.publish": { roles: DESK },
  "section.manage": { roles: DESK },
  "comment.moderate": { roles: DESK },
  "user.manage": { roles: ["admin"] },
  "profile.edit": { roles: STAFF },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof POLICY;
export const PERMISSIONS = Object.keys(POLICY) as Permission[];

export type Decision = "allow" | "unauthenticated" | "forbidden" | "not_found";

/** May this role ever hold this permission (before looking at any resource)? */
export function roleMay(actor: Actor | null, permission: Permission): Decision {
  if (permission === "public") return "allow";
  if (!actor) return "unauthenticated";
  const rule: Rule = POLICY[permission];
  return rule.roles.includes(actor.role) ? "allow" : "forbidden";
}

/**
 * The full decision for a story. What an actor may not even see is "not_found", exactly
 * like a missing row, so probing ids reveals nothing.
 */
export function decide(
  actor: Actor | null,
  permission: Permission,
  article?: ArticleScope,
): Decision {
  const base = roleMay(actor, permission);
  if (base !== "allow" || !article || !actor) return base;
  if (!canSee(actor, article)) return "not_found";
  const rule: Rule = POLICY[permission];
  const condition = rule.when?.[actor.role];
  return !condition || condition(actor, article) ? "allow" : "forbidden";
}

export function canSee(actor: Actor, article: ArticleScope): boolean {
  const rule: Rule = POLICY["article.view"];
  const condition = rule.when?.[actor.role];
  return !condition || condition(actor, article);
}

export function can(actor: Actor | null, permission: Permission, article?: ArticleScope): boolean {
  return decide(actor, permission, article) === "allow";
}

/** Nobody grants a role above their own; only holders of user.manage grant roles at all. */
export function mayGrant(actor: Actor, role: Role): boolean {
  const rank = { reporter: 1, editor: 2, admin: 3 } as const;
  return can(actor, "user.manage") && rank[role] <= rank[actor.role];
}
