import crypto from "node:crypto";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { articleRevisions, articles, comments, users, workflowEvents } from "@/db/schema";
import { allCommands } from "@/server/commands";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { PERMISSIONS } from "@/server/policy";
import {
  deactivate,
  doc,
  makeUser,
  sectionId,
  storyAt,
  storyState,
  type TestUser,
  workingRevision,
} from "../support/fixtures";

/**
 * THREATS 1–4 and 28: every command × every kind of caller. The expectations are written out
 * by hand here, on purpose not derived from server/policy.ts, so that a change to the policy
 * that nobody meant shows up as a failing cell.
 */
const ACTORS = [
  "ownerReporter",
  "otherReporter",
  "editor",
  "admin",
  "deactivatedEditor",
  "anonymous",
] as const;
type ActorName = (typeof ACTORS)[number];
type Outcome = "ok" | "unauthenticated" | "forbidden" | "not_found" | "invalid";

const UNAUTH = "unauthenticated";
const EXPECTED: Record<string, Record<ActorName, Outcome>> = {
  // Any member of staff starts stories.
  createArticle: {
    ownerReporter: "ok",
    otherReporter: "ok",
    editor: "ok",
    admin: "ok",
    deactivatedEditor: UNAUTH,
    anonymous: UNAUTH,
  },
  // On the owner's draft: another reporter cannot even see it (IDOR ⇒ 404).
  saveArticle: {
    ownerReporter: "ok",
    otherReporter: "not_found",
    editor: "ok",
    admin: "ok",
    deactivatedEditor: UNAUTH,
    anonymous: UNAUTH,
  },
  submitArticle: {
    ownerReporter: "ok",
    otherReporter: "not_found",
    editor: "ok",
    admin: "ok",
    deactivatedEditor: UNAUTH,
    anonymous: UNAUTH,
  },
  // On a story in review: only the desk reviews.
  requestChangesArticle: {
    ownerReporter: "forbidden",
    otherReporter: "forbidden",
    editor: "ok",
    admin: "ok",
    deactivatedEditor: UNAUTH,
    anonymous: UNAUTH,
  },
  approveArticle: {
    ownerReporter: "forbidden",
    otherReporter: "forbidden",
    editor: "ok",
    admin: "ok",
    deactivatedEditor: UNAUTH,
    anonymous: UNAUTH,
  },
  // On an approved story: only the desk publishes.
  publishArticle: {
    ownerReporter: "forbidden",
    otherReporter: "forbidden",
    editor: "ok",
    admin: "ok",
    deactivatedEditor: UNAUTH,
    anonymous: UNAUTH,
  },
  // On a published story.
  unpublishArticle: {
    ownerReporter: "forbidden",
    otherReporter: "forbidden",
    editor: "ok",
    admin: "ok",
    deactivatedEditor: UNAUTH,
    anonymous: UNAUTH,
  },
  // Only admins manage staff.
  createUser: {
    ownerReporter: "forbidden",
    otherReporter: "forbidden",
    editor: "forbidden",
    admin: "ok",
    deactivatedEditor: UNAUTH,
    anonymous: UNAUTH,
  },
  // Public, but only while no user exists; this database has users, so it is closed to all.
  setupAdmin: {
    ownerReporter: "forbidden",
    otherReporter: "forbidden",
    editor: "forbidden",
    admin: "forbidden",
    deactivatedEditor: "forbidden",
    anonymous: "forbidden",
  },
};

/** Row shapes shared by many commands. */
const row = (
  owner: Outcome,
  other: Outcome,
  desk: Outcome,
  admin: Outcome = desk,
  nobody: Outcome = UNAUTH,
): Record<ActorName, Outcome> => ({
  ownerReporter: owner,
  otherReporter: other,
  editor: desk,
  admin,
  deactivatedEditor: nobody,
  anonymous: nobody,
});
/** On the owner's story: the owner and the desk; another reporter cannot see it. */
const OWN = row("ok", "not_found", "ok");
/** Desk only: reporters never hold the permission, so they are refused before any lookup. */
const DESK = row("forbidden", "forbidden", "ok");
const STAFF = row("ok", "ok", "ok");
const ADMIN = row("forbidden", "forbidden", "forbidden", "ok");

Object.assign(EXPECTED, {
  createAssignment: DESK,
  claimEditLock: OWN,
  releaseEditLock: OWN,
  restoreRevision: OWN,
  setBylines: OWN,
  setArticleTags: OWN,
  setArticleSlug: OWN,
  withdrawArticle: OWN,
  scheduleArticle: DESK,
  cancelScheduleArticle: DESK,
  submitUpdateArticle: OWN,
  requestUpdateChangesArticle: DESK,
  publishUpdateArticle: DESK,
  discardUpdateArticle: OWN,
  spikeArticle: DESK,
  restoreArticle: DESK,
  addNote: OWN,
  resolveNote: OWN,
  approveComment: DESK,
  spamComment: DESK,
  deleteComment: DESK,
  setCommentsOpen: DESK,
  // Public: anyone may comment on a live story.
  postComment: row("ok", "ok", "ok", "ok", "ok"),
  updateMediaDetails: STAFF,
  uploadMedia: STAFF,
  markNotificationsRead: STAFF,
  createSection: DESK,
  moveSection: DESK,
  updateSection: DESK,
  changePassword: STAFF,
  updateProfile: STAFF,
  setAvatar: STAFF,
  beginTwoFactor: STAFF,
  // A made-up code is refused for everyone signed in (nobody here has a pending enrolment).
  confirmTwoFactor: row("invalid", "invalid", "invalid"),
  disableTwoFactor: row("invalid", "invalid", "invalid"),
  signOutEverywhere: STAFF,
  setTwoFactorRequired: ADMIN,
  changeUserRole: ADMIN,
  createPasswordReset: ADMIN,
  deactivateUser: ADMIN,
  reactivateUser: ADMIN,
  // Public, and a made-up token is refused the same way for everyone.
  resetPassword: row("invalid", "invalid", "invalid", "invalid", "invalid"),
} satisfies Record<string, Record<ActorName, Outcome>>);

let people: Record<Exclude<ActorName, "anonymous">, TestUser>;

afterEach(async () => {
  await (await db()).execute(sql`delete from settings where key = 'two_factor_required'`);
});

beforeAll(async () => {
  const deactivated = await makeUser("editor", "Deactivated Editor");
  await deactivate(deactivated);
  people = {
    ownerReporter: await makeUser("reporter", "Owner Reporter"),
    otherReporter: await makeUser("reporter", "Other Reporter"),
    editor: await makeUser("editor", "Desk Editor"),
    admin: await makeUser("admin", "Site Admin"),
    deactivatedEditor: deactivated,
  };
});

async function refreshClaims() {
  for (const person of Object.values(people)) {
    const [row] = await (await db()).select().from(users).where(eq(users.id, person.id));
    person.claims = { userId: person.id, sessionVersion: row!.sessionVersion };
  }
}

const claimsOf = (actor: ActorName) => (actor === "anonymous" ? null : people[actor].claims);

function command(name: string) {
  const found = allCommands().find((c) => c.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

const outcome = (result: Result<unknown>): Outcome | string =>
  result.ok ? "ok" : result.error.code;

/** Refusals audited as authz_denied for a command (they carry no article id). */
async function deniedRows(commandName: string) {
  return (await db())
    .select()
    .from(workflowEvents)
    .where(
      and(
        eq(workflowEvents.action, "authz_denied"),
        sql`${workflowEvents.detail}->>'command' = ${commandName}`,
      ),
    )
    .orderBy(asc(workflowEvents.id));
}

async function usersWithEmail(email: string) {
  return (await db()).select().from(users).where(sql`lower(${users.email}) = ${email}`);
}

async function countOf(table: typeof articles | typeof users) {
  const [row] = await (await db()).select({ n: count() }).from(table);
  return row!.n;
}

type Context = { input: unknown; articleId?: string; marker: string };
type Scenario = {
  arrange(): Promise<Context>;
  /** Everything the command could change, read back from the database. */
  observe(ctx: Context): Promise<Record<string, unknown>>;
  /** What an allowed call must have changed. */
  verify(ctx: Context, before: Record<string, unknown>, after: Record<string, unknown>): void;
};

const marker = () => `Matrix ${crypto.randomUUID().slice(0, 8)}`;

function transitionScenario(
  at: "draft" | "in_review" | "approved" | "published",
  to: string,
  note = "",
): Scenario {
  return {
    async arrange() {
      const story = await storyAt(at, people.ownerReporter, people.editor);
      return { articleId: story.id, input: { id: story.id, fromStatus: at, note }, marker: "" };
    },
    observe: (ctx) => storyState(ctx.articleId!),
    verify(_ctx, before, after) {
      expect(after.status).toBe(to);
      expect(after.events).toBe((before.events as number) + 1);
      expect(after.version).toBe(before.version);
      expect(after.revisions).toBe(before.revisions);
      if (to === "published") expect(after.live).toHaveLength(1);
      if (to === "unpublished") expect(after.live).toHaveLength(0);
    },
  };
}

const SCENARIOS: Record<string, Scenario> = {
  createArticle: {
    async arrange() {
      const headline = marker();
      return {
        marker: headline,
        input: { headline, sectionId: await sectionId(), body: doc("A first line.") },
      };
    },
    async observe(ctx) {
      const revisions = await (await db())
        .select({ articleId: articleRevisions.articleId })
        .from(articleRevisions)
        .where(eq(articleRevisions.headline, ctx.marker));
      return { articles: await countOf(articles), revisions: revisions.length };
    },
    verify(_ctx, before, after) {
      expect(after.articles).toBe((before.articles as number) + 1);
      expect(after.revisions).toBe(1);
    },
  },
  saveArticle: {
    async arrange() {
      const story = await storyAt("draft", people.ownerReporter, people.editor);
      const headline = marker();
      return {
        articleId: story.id,
        marker: headline,
        input: {
          id: story.id,
          baseVersion: 1,
          headline,
          standfirst: "Changed.",
          dateline: "PARIS",
          source: "Desk",
          sectionId: await sectionId(),
          body: doc("Rewritten."),
        },
      };
    },
    async observe(ctx) {
      const working = await workingRevision(ctx.articleId!);
      return { ...(await storyState(ctx.articleId!)), headline: working.headline };
    },
    verify(ctx, before, after) {
      expect(after.version).toBe((before.version as number) + 1);
      expect(after.revisions).toBe((before.revisions as number) + 1);
      expect(after.headline).toBe(ctx.marker);
      expect(after.status).toBe("draft");
    },
  },
  submitArticle: transitionScenario("draft", "in_review"),
  requestChangesArticle: transitionScenario("in_review", "changes_requested", "Tighten it."),
  approveArticle: transitionScenario("in_review", "approved"),
  publishArticle: transitionScenario("approved", "published"),
  unpublishArticle: transitionScenario("published", "unpublished"),
  createUser: {
    async arrange() {
      const email = `${crypto.randomUUID().slice(0, 8)}@matrix.example`;
      return {
        marker: email,
        input: {
          name: "New Reporter",
          email,
          password: "a long enough password",
          role: "reporter",
        },
      };
    },
    async observe(ctx) {
      const rows = await usersWithEmail(ctx.marker);
      return { users: await countOf(users), created: rows.map((r) => r.role) };
    },
    verify(_ctx, before, after) {
      expect(after.users).toBe((before.users as number) + 1);
      expect(after.created).toEqual(["reporter"]);
    },
  },
  setupAdmin: {
    async arrange() {
      const email = `${crypto.randomUUID().slice(0, 8)}@setup.example`;
      return {
        marker: email,
        input: { name: "Another Admin", email, password: "a long enough password" },
      };
    },
    async observe(ctx) {
      return { users: await countOf(users), created: (await usersWithEmail(ctx.marker)).length };
    },
    verify() {
      throw new Error("setupAdmin must not succeed on a database that has users");
    },
  },
};

/**
 * Everything a command could touch, as counts and the rows it targets: a refused call must
 * leave this identical; an allowed one must change it (unless `mayBeNoop`).
 */
async function fingerprint(ctx: Context): Promise<Record<string, unknown>> {
  const database = await db();
  const tables = [
    "articles",
    "article_revisions",
    "article_authors",
    "article_tags",
    "tags",
    "editorial_notes",
    "notifications",
    "comments",
    "media",
    "sections",
    "users",
    "password_resets",
    "published_articles",
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result = await database.execute(sql.raw(`select count(*)::int as n from ${table}`));
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      n: number;
    }[];
    counts[table] = Number(rows[0]!.n);
  }
  const detail = async (q: string) => {
    const result = await database.execute(sql.raw(q));
    return JSON.stringify(Array.isArray(result) ? result : (result as { rows: unknown[] }).rows);
  };
  return {
    counts,
    article: ctx.articleId ? await storyState(ctx.articleId) : null,
    lock: ctx.articleId
      ? await detail(`select locked_by, comments_open from articles where id = '${ctx.articleId}'`)
      : null,
    users: await detail(
      "select id, name, bio, avatar_media_id, role, active, session_version, password_hash, totp_secret, totp_enabled_at from users order by id",
    ),
    settings: await detail("select key, value from settings order by key"),
    sections: await detail("select id, name, description, position from sections order by id"),
    comments: await detail("select id, status from comments order by id"),
    notes: await detail("select id, resolved_at from editorial_notes order by id"),
    notifications: await detail("select id, read_at from notifications order by id"),
    media: await detail("select id, alt, caption from media order by id"),
  };
}

type StoryStage =
  | "draft"
  | "in_review"
  | "approved"
  | "scheduled"
  | "published"
  | "published+editing"
  | "published+in_review"
  | "spiked";

/** A story by the owner, brought to a stage through the real commands. */
async function stagedStory(stage: StoryStage): Promise<string> {
  const base =
    stage === "scheduled"
      ? "approved"
      : stage.startsWith("published")
        ? "published"
        : stage === "spiked"
          ? "draft"
          : stage;
  const story = await storyAt(base as "draft", people.ownerReporter, people.editor);
  const run = async (name: string, input: Record<string, unknown>, who = people.editor) => {
    const result = await command(name).execute(who.claims, { id: story.id, ...input });
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  };
  if (stage === "scheduled") {
    await run("scheduleArticle", {
      fromStatus: "approved",
      publishAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
  }
  if (stage === "spiked") await run("spikeArticle", { fromStatus: "draft" });
  if (stage.startsWith("published+")) {
    const working = await workingRevision(story.id);
    const state = await storyState(story.id);
    await run(
      "saveArticle",
      {
        baseVersion: state.version,
        headline: working.headline,
        sectionId: working.sectionId,
        body: doc("An update to the live story."),
      },
      people.ownerReporter,
    );
    if (stage === "published+in_review") {
      await run("submitUpdateArticle", { fromStatus: "published" }, people.ownerReporter);
    }
  }
  return story.id;
}

function generic(arrange: () => Promise<Context>, options: { mayBeNoop?: boolean } = {}): Scenario {
  return {
    arrange,
    observe: fingerprint,
    verify(_ctx, before, after) {
      if (!options.mayBeNoop) expect(after).not.toEqual(before);
    },
  };
}

const onStory = (
  stage: StoryStage,
  input: (id: string) => Record<string, unknown> | Promise<Record<string, unknown>>,
  options?: { mayBeNoop?: boolean },
) =>
  generic(async () => {
    const id = await stagedStory(stage);
    return { articleId: id, input: await input(id), marker: "" };
  }, options);

const later = () => new Date(Date.now() + 7_200_000).toISOString();

async function pendingComment(): Promise<string> {
  const id = await stagedStory("published");
  const body = `A thoughtful comment ${crypto.randomUUID()}`;
  const result = await command("postComment").execute(null, {
    articleId: id,
    name: "A reader",
    email: "reader@example.org",
    body,
    clientAddress: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`,
  });
  if (!result.ok) throw new Error(result.error.message);
  // The public answer carries no id; find the comment the way a moderator would.
  const [row] = await (await db()).select().from(comments).where(eq(comments.body, body));
  return row!.id;
}

async function freshUser(active = true): Promise<string> {
  const user = await makeUser("reporter");
  if (!active) await deactivate(user);
  return user.id;
}

async function someSection(): Promise<string> {
  return sectionId("culture");
}

async function uploadedMedia(): Promise<string> {
  const sharp = (await import("sharp")).default;
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c33" } })
    .png()
    .toBuffer();
  const { processImage } = await import("@/server/media/process-image");
  const result = await command("uploadMedia").execute(people.editor.claims, {
    image: await processImage(png),
    originalName: "square.png",
  });
  if (!result.ok) throw new Error(result.error.message);
  return (result.data as { id: string }).id;
}

Object.assign(SCENARIOS, {
  createAssignment: generic(async () => ({
    marker: "",
    input: {
      headline: marker(),
      sectionId: await sectionId(),
      assigneeId: people.ownerReporter.id,
      deadline: "2031-01-01T09:00",
    },
  })),
  claimEditLock: onStory("draft", (id) => ({ id })),
  releaseEditLock: onStory("draft", (id) => ({ id }), { mayBeNoop: true }),
  restoreRevision: onStory("draft", async (id) => {
    // Two revisions, so restoring the first is a real change.
    const first = await workingRevision(id);
    const saved = await command("saveArticle").execute(people.ownerReporter.claims, {
      id,
      baseVersion: (await storyState(id)).version,
      headline: first.headline,
      sectionId: first.sectionId,
      body: doc("A second version of the text."),
    });
    if (!saved.ok) throw new Error(saved.error.message);
    return { id, revisionId: first.id, baseVersion: (await storyState(id)).version };
  }),
  setBylines: onStory("draft", (id) => ({
    id,
    userIds: [people.ownerReporter.id, people.editor.id],
  })),
  setArticleTags: onStory("draft", (id) => ({ id, tags: ["Matrix", marker()] })),
  setArticleSlug: onStory("draft", (id) => ({ id, slug: `matrix-${crypto.randomUUID()}` })),
  withdrawArticle: onStory("in_review", (id) => ({ id, fromStatus: "in_review" })),
  scheduleArticle: onStory("approved", (id) => ({
    id,
    fromStatus: "approved",
    publishAt: later(),
  })),
  cancelScheduleArticle: onStory("scheduled", (id) => ({ id, fromStatus: "scheduled" })),
  submitUpdateArticle: onStory("published+editing", (id) => ({ id, fromStatus: "published" })),
  requestUpdateChangesArticle: onStory("published+in_review", (id) => ({
    id,
    fromStatus: "published",
    note: "Check the figure.",
  })),
  publishUpdateArticle: onStory("published+editing", (id) => ({ id, fromStatus: "published" })),
  discardUpdateArticle: onStory("published+editing", (id) => ({ id, fromStatus: "published" })),
  spikeArticle: onStory("draft", (id) => ({ id, fromStatus: "draft" })),
  restoreArticle: onStory("spiked", (id) => ({ id, fromStatus: "spiked" })),
  addNote: onStory("draft", (id) => ({ id, body: "Check the second source." })),
  resolveNote: onStory("draft", async (id) => {
    const added = await command("addNote").execute(people.editor.claims, {
      id,
      body: "To resolve.",
    });
    if (!added.ok) throw new Error(added.error.message);
    return { id, noteId: (added.data as { id: string }).id };
  }),
  approveComment: generic(async () => ({ marker: "", input: { id: await pendingComment() } })),
  spamComment: generic(async () => ({ marker: "", input: { id: await pendingComment() } })),
  deleteComment: generic(async () => ({ marker: "", input: { id: await pendingComment() } })),
  setCommentsOpen: onStory("published", (id) => ({ articleId: id, open: false })),
  postComment: onStory("published", (id) => ({
    articleId: id,
    name: "A reader",
    email: "reader@example.org",
    body: `Well reported ${crypto.randomUUID()}`,
    clientAddress: `192.0.2.${Math.floor(Math.random() * 250)}`,
  })),
  updateMediaDetails: generic(async () => ({
    marker: "",
    input: {
      id: await uploadedMedia(),
      alt: `A red square ${crypto.randomUUID()}`,
      caption: "",
      credit: "",
    },
  })),
  uploadMedia: generic(async () => {
    const sharp = (await import("sharp")).default;
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#36c" } })
      .png()
      .toBuffer();
    const { processImage } = await import("@/server/media/process-image");
    return { marker: "", input: { image: await processImage(png), originalName: "blue.png" } };
  }),
  markNotificationsRead: generic(async () => ({ marker: "", input: {} }), { mayBeNoop: true }),
  createSection: generic(async () => ({ marker: "", input: { name: marker() } })),
  moveSection: generic(async () => ({
    marker: "",
    input: { id: await someSection(), direction: "up" },
  })),
  updateSection: generic(async () => ({
    marker: "",
    input: { id: await someSection(), name: "Culture", description: marker() },
  })),
  changePassword: generic(async () => ({
    marker: "",
    input: { currentPassword: "correct horse battery", newPassword: "another long passphrase" },
  })),
  setAvatar: generic(async () => ({ marker: "", input: { mediaId: await uploadedMedia() } })),
  beginTwoFactor: generic(async () => ({ marker: "", input: {} })),
  confirmTwoFactor: generic(async () => ({ marker: "", input: { code: "123456" } })),
  disableTwoFactor: generic(async () => ({ marker: "", input: { code: "123456" } })),
  // These test users hold no server-side sessions, so there may be nothing to end.
  signOutEverywhere: generic(async () => ({ marker: "", input: {} }), { mayBeNoop: true }),
  // Turned on here; turned off again after every test (afterEach), or it would hold up the rest.
  setTwoFactorRequired: generic(async () => ({ marker: "", input: { required: true } })),
  updateProfile: generic(async () => ({
    marker: "",
    input: { name: "Renamed Person", bio: marker() },
  })),
  changeUserRole: generic(async () => ({
    marker: "",
    input: { id: await freshUser(), role: "editor" },
  })),
  createPasswordReset: generic(async () => ({ marker: "", input: { id: await freshUser() } })),
  deactivateUser: generic(async () => ({ marker: "", input: { id: await freshUser() } })),
  reactivateUser: generic(async () => ({ marker: "", input: { id: await freshUser(false) } })),
  resetPassword: generic(async () => ({
    marker: "",
    input: {
      token: crypto.randomBytes(32).toString("base64url"),
      password: "a brand new passphrase",
      confirmPassword: "a brand new passphrase",
    },
  })),
} satisfies Record<string, Scenario>);

describe("permission matrix: every command × every kind of caller", () => {
  it("lists exactly the commands the application defines (a new command must be added here)", () => {
    const defined = new Set(allCommands().map((c) => c.name));
    const withoutRow = [...defined].filter((name) => !Object.hasOwn(EXPECTED, name)).sort();
    const withoutCommand = Object.keys(EXPECTED).filter((name) => !defined.has(name));
    expect(withoutRow, "commands with no row in this matrix").toEqual([]);
    expect(withoutCommand, "rows for commands that are not defined").toEqual([]);
    expect(Object.keys(SCENARIOS).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const c of allCommands()) expect(PERMISSIONS).toContain(c.permission);
  });

  for (const [name, row] of Object.entries(EXPECTED)) {
    describe(name, () => {
      for (const actor of ACTORS) {
        const expected = row[actor];
        const title =
          expected === "ok"
            ? `${actor} may run it, and it takes effect`
            : `${actor} is refused with ${expected}, and nothing changes`;
        it(title, async () => {
          const scenario = SCENARIOS[name]!;
          const ctx = await scenario.arrange();
          const before = await scenario.observe(ctx);
          const deniedBefore = (await deniedRows(name)).length;

          const result = await command(name).execute(claimsOf(actor), ctx.input);
          // A password change ends the changer's other sessions: carry on with a fresh one.
          await refreshClaims();

          expect(outcome(result), JSON.stringify(result)).toBe(expected);
          const after = await scenario.observe(ctx);
          if (expected === "ok") {
            scenario.verify(ctx, before, after);
            return;
          }
          expect(after).toEqual(before);
          if (expected === "forbidden" || expected === "unauthenticated") {
            const denied = await deniedRows(name);
            expect(denied).toHaveLength(deniedBefore + 1);
            const last = denied.at(-1)!;
            // Nobody (anonymous or deactivated) is audited as no actor; staff by their id.
            const nobody = actor === "anonymous" || actor === "deactivatedEditor";
            expect(last.actorId).toBe(nobody ? null : people[actor as "admin"].id);
          }
        });
      }
    });
  }
});

describe("direct calls that the user interface would never offer", () => {
  it("a reporter calling publishArticle on an approved story is refused (403), the story stays unpublished, and the refusal is audited", async () => {
    const reporter = people.ownerReporter;
    const story = await storyAt("approved", reporter, people.editor);
    const before = await storyState(story.id);

    const result = await command("publishArticle").execute(reporter.claims, {
      id: story.id,
      fromStatus: "approved",
    });

    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const after = await storyState(story.id);
    expect(after).toEqual(before);
    expect(after.status).toBe("approved");
    expect(after.publishedRevisionId).toBeNull();
    expect(after.firstPublishedAt).toBeNull();
    expect(after.live).toEqual([]);
    const denied = (await deniedRows("publishArticle")).filter(
      (e) =>
        e.actorId === reporter.id && (e.detail as { articleId?: string }).articleId === story.id,
    );
    expect(denied).toHaveLength(1);
    expect(denied[0]!.action).toBe("authz_denied");
  });

  it("another reporter's draft is not found for save and submit, exactly like a random id", async () => {
    const story = await storyAt("draft", people.ownerReporter, people.editor);
    const before = await storyState(story.id);
    const probe = people.otherReporter.claims;
    const saveInput = (id: string) => ({
      id,
      baseVersion: 1,
      headline: "Hijacked",
      sectionId: crypto.randomUUID(),
      body: doc("Hijacked."),
    });
    const random = crypto.randomUUID();

    const saveTheirs = await command("saveArticle").execute(probe, saveInput(story.id));
    const saveRandom = await command("saveArticle").execute(probe, saveInput(random));
    const submitTheirs = await command("submitArticle").execute(probe, {
      id: story.id,
      fromStatus: "draft",
    });
    const submitRandom = await command("submitArticle").execute(probe, {
      id: random,
      fromStatus: "draft",
    });

    expect(saveTheirs).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(submitTheirs).toMatchObject({ ok: false, error: { code: "not_found" } });
    // Identical answers: a probe cannot tell "exists but not yours" from "does not exist".
    expect(saveTheirs).toEqual(saveRandom);
    expect(submitTheirs).toEqual(submitRandom);
    expect(await storyState(story.id)).toEqual(before);
    expect((await workingRevision(story.id)).headline).not.toBe("Hijacked");
  });

  it("an editor demoted to reporter with session_version bumped is refused at once with the old session", async () => {
    const editor = await makeUser("editor");
    const story = await storyAt("approved", people.ownerReporter, people.editor);
    const before = await storyState(story.id);
    // What an admin tool does on a role change: new role, every older session dies.
    await (await db())
      .update(users)
      .set({ role: "reporter", sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, editor.id));

    const withOld = await command("publishArticle").execute(editor.claims, {
      id: story.id,
      fromStatus: "approved",
    });
    expect(withOld).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    // Signing in again gives a current session, but as a reporter: still no publishing.
    const withNew = await command("publishArticle").execute(
      { userId: editor.id, sessionVersion: 2 },
      { id: story.id, fromStatus: "approved" },
    );
    expect(withNew).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await storyState(story.id)).toEqual(before);
  });

  it("an editor demoted to reporter whose session_version was not bumped is still refused, because the role is re-read", async () => {
    const editor = await makeUser("editor");
    const story = await storyAt("approved", people.ownerReporter, people.editor);
    const before = await storyState(story.id);
    await (await db()).update(users).set({ role: "reporter" }).where(eq(users.id, editor.id));

    const result = await command("publishArticle").execute(editor.claims, {
      id: story.id,
      fromStatus: "approved",
    });

    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await storyState(story.id)).toEqual(before);
  });
});
