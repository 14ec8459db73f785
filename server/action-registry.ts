/**
 * Every way into the app that is not a plain page view, with the rule that guards it
 * (THREATS.md row 2). Plain data with no imports, so the browser tests can read it too.
 *
 * - Server actions, by exported name: either `command` (a command of server/commands.ts,
 *   whose permission in server/policy.ts is checked by defineCommand) or `query` (a read
 *   through runQuery: signed-in staff only, and the query itself hides what the actor may
 *   not see). `who` is the lowest kind of caller that can ever succeed; the tests check it
 *   against the policy table and replay every action as the callers below it.
 * - Route handlers, by route as Next's app-paths manifest names them, with their rule.
 *
 * `test/integration/action-registry.test.ts` fails when a "use server" export or a route is
 * missing here; `e2e/permissions-http.spec.ts` does the same against the production build's
 * manifests and replays each action over HTTP.
 */
export type Caller = "anyone" | "staff" | "desk" | "admin";

export type ActionRule =
  | { command: string; who: Caller }
  | { query: string; who: Extract<Caller, "staff"> };

export const ACTIONS: Record<string, ActionRule> = {
  // app/(auth): before sign-in.
  setupAdmin: { command: "setupAdmin", who: "anyone" },
  resetPassword: { command: "resetPassword", who: "anyone" },
  // app/(newsroom)/newsroom/actions.ts
  createArticle: { command: "createArticle", who: "staff" },
  saveArticle: { command: "saveArticle", who: "staff" },
  submitArticle: { command: "submitArticle", who: "staff" },
  withdrawArticle: { command: "withdrawArticle", who: "staff" },
  requestChangesArticle: { command: "requestChangesArticle", who: "desk" },
  approveArticle: { command: "approveArticle", who: "desk" },
  scheduleArticle: { command: "scheduleArticle", who: "desk" },
  cancelScheduleArticle: { command: "cancelScheduleArticle", who: "desk" },
  publishArticle: { command: "publishArticle", who: "desk" },
  submitUpdateArticle: { command: "submitUpdateArticle", who: "staff" },
  requestUpdateChangesArticle: { command: "requestUpdateChangesArticle", who: "desk" },
  publishUpdateArticle: { command: "publishUpdateArticle", who: "desk" },
  discardUpdateArticle: { command: "discardUpdateArticle", who: "staff" },
  unpublishArticle: { command: "unpublishArticle", who: "desk" },
  spikeArticle: { command: "spikeArticle", who: "desk" },
  restoreArticle: { command: "restoreArticle", who: "desk" },
  createUser: { command: "createUser", who: "admin" },
  addNote: { command: "addNote", who: "staff" },
  resolveNote: { command: "resolveNote", who: "staff" },
  markNotificationsRead: { command: "markNotificationsRead", who: "staff" },
  createAssignment: { command: "createAssignment", who: "desk" },
  claimEditLock: { command: "claimEditLock", who: "staff" },
  releaseEditLock: { command: "releaseEditLock", who: "staff" },
  setBylines: { command: "setBylines", who: "staff" },
  setArticleTags: { command: "setArticleTags", who: "staff" },
  setArticleSlug: { command: "setArticleSlug", who: "staff" },
  loadEditorView: { query: "the editor view of a story the actor may see", who: "staff" },
  findRelatedStories: { query: "published stories by headline", who: "staff" },
  relatedStoryStatus: { query: "headline and live state of linked stories", who: "staff" },
  suggestTags: { query: "tag names for autocomplete", who: "staff" },
  // app/(newsroom)/newsroom/articles/[id]/revisions/actions.ts
  restoreRevision: { command: "restoreRevision", who: "staff" },
  // app/(newsroom)/newsroom/comments/actions.ts
  approveComment: { command: "approveComment", who: "desk" },
  spamComment: { command: "spamComment", who: "desk" },
  deleteComment: { command: "deleteComment", who: "desk" },
  setCommentsOpen: { command: "setCommentsOpen", who: "desk" },
  // app/(newsroom)/newsroom/media/actions.ts
  listMediaLibrary: { query: "a page of the media library", who: "staff" },
  getMediaItems: { query: "library images by id", who: "staff" },
  updateMediaDetails: { command: "updateMediaDetails", who: "staff" },
  // app/(newsroom)/newsroom/sections/actions.ts
  addSectionAction: { command: "createSection", who: "desk" },
  editSectionAction: { command: "updateSection", who: "desk" },
  moveSectionAction: { command: "moveSection", who: "desk" },
  // app/(newsroom)/newsroom/users/actions.ts
  changePassword: { command: "changePassword", who: "staff" },
  updateProfile: { command: "updateProfile", who: "staff" },
  setAvatar: { command: "setAvatar", who: "staff" },
  changeUserRole: { command: "changeUserRole", who: "admin" },
  createPasswordReset: { command: "createPasswordReset", who: "admin" },
  deactivateUser: { command: "deactivateUser", who: "admin" },
  reactivateUser: { command: "reactivateUser", who: "admin" },
  // app/(newsroom)/newsroom/profile/security/actions.ts
  beginTwoFactor: { command: "beginTwoFactor", who: "staff" },
  confirmTwoFactor: { command: "confirmTwoFactor", who: "staff" },
  disableTwoFactor: { command: "disableTwoFactor", who: "staff" },
  signOutEverywhere: { command: "signOutEverywhere", who: "staff" },
  setTwoFactorRequired: { command: "setTwoFactorRequired", who: "admin" },
};

export type RouteRule = {
  methods: readonly string[];
  rule: string;
  /** Commands a state-changing method runs (each checks its own permission). */
  commands?: readonly string[];
};

const READER: RouteRule = {
  methods: ["GET", "HEAD"],
  rule: "public; reads only the published read model; never changes anything",
};

export const ROUTE_HANDLERS: Record<string, RouteRule> = {
  "/route": READER,
  "/[section]/route": READER,
  "/[section]/[slug]/route": READER,
  "/[section]/feed.xml/route": READER,
  "/authors/[author]/route": READER,
  "/tags/[tag]/route": READER,
  "/corrections/route": READER,
  "/search/route": READER,
  "/feed.xml/route": READER,
  "/sitemap.xml/route": READER,
  "/news-sitemap.xml/route": READER,
  "/robots.txt/route": READER,
  "/icon.svg/route": { methods: ["GET", "HEAD"], rule: "public static icon (app/icon.svg)" },
  "/assets/site.css/route": { methods: ["GET", "HEAD"], rule: "public static stylesheet" },
  "/assets/comments.js/route": { methods: ["GET", "HEAD"], rule: "public static script" },
  "/media/[id]/[file]/route": {
    methods: ["GET", "HEAD"],
    rule: "public; generated renditions only, by id and known file name; nosniff and sandbox CSP",
  },
  "/newsroom/articles/[id]/preview/route": {
    methods: ["GET"],
    rule: "signed-in staff who may see the story (article.view); 404 like a missing row otherwise",
  },
  "/api/comments/route": {
    methods: ["POST"],
    rule: "anyone; same-origin (server/http/origin.ts); rate-limited; comments wait for moderation",
    commands: ["postComment"],
  },
  "/api/media/route": {
    methods: ["POST"],
    rule: "signed-in staff; same-origin; size, type and pixel caps",
    commands: ["uploadMedia"],
  },
  "/api/auth/[...nextauth]/route": {
    methods: ["GET", "POST"],
    rule: "next-auth: sign-in and sign-out need its CSRF token; credentials checked by server/auth",
  },
};
