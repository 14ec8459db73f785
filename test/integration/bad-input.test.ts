import crypto from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { articleRevisions, articles, users, workflowEvents } from "@/db/schema";
import { isReservedSlug } from "@/lib/slug";
import { createArticle } from "@/server/articles/commands/create-article";
import { saveArticle } from "@/server/articles/commands/save-article";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { createUser } from "@/server/users/commands/create-user";
import {
  doc,
  makeUser,
  ok,
  sectionId,
  storyState,
  type TestUser,
  writeStory,
} from "../support/fixtures";

/** DESIGN invariant 6, THREATS 39–40: bad input gets a clear message and changes nothing. */

let reporter: TestUser;
let editor: TestUser;
let admin: TestUser;
let section: string;

beforeAll(async () => {
  reporter = await makeUser("reporter");
  editor = await makeUser("editor");
  admin = await makeUser("admin");
  section = await sectionId();
});

const validStory = () => ({
  headline: "A perfectly good headline",
  standfirst: "Standfirst.",
  dateline: "LONDON",
  source: "Desk",
  sectionId: section,
  body: doc("Some text."),
});

/** Overrides on a valid story; `undefined` removes the field. */
const BAD_FIELDS: [label: string, patch: Record<string, unknown>, field: string][] = [
  ["an empty headline", { headline: "" }, "headline"],
  ["a whitespace-only headline", { headline: "  \t\n \u3000 " }, "headline"],
  ["a 1,000-character headline", { headline: "x".repeat(1_000) }, "headline"],
  ["a headline with NUL", { headline: "Before\u0000after" }, "headline"],
  ["a numeric headline", { headline: 42 }, "headline"],
  ["a null headline", { headline: null }, "headline"],
  ["a missing headline", { headline: undefined }, "headline"],
  ["an unknown section (random uuid)", { sectionId: crypto.randomUUID() }, "sectionId"],
  ["a section id 'abc'", { sectionId: "abc" }, "sectionId"],
  ["a numeric section id", { sectionId: 7 }, "sectionId"],
  ["a missing section", { sectionId: undefined }, "sectionId"],
  ["a body that is a string", { body: "string" }, "body"],
  ["a body of HTML", { body: "<p>Hello</p><script>alert(1)</script>" }, "body"],
  ["a null body", { body: null }, "body"],
  ["a missing body", { body: undefined }, "body"],
  ["a body that is an array", { body: [doc("x")] }, "body"],
  ["a 601-character standfirst", { standfirst: "s".repeat(601) }, "standfirst"],
  ["a dateline that is an object", { dateline: { city: "London" } }, "dateline"],
  ["a source that is a number", { source: 3 }, "source"],
];

function withPatch(base: Record<string, unknown>, patch: Record<string, unknown>) {
  const out = { ...base, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete out[k];
  return out;
}

function expectInvalidField(result: Result<unknown>, field: string) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe("invalid");
  expect(result.error.message).toBeTruthy();
  expect(Object.keys(result.error.fields ?? {}), JSON.stringify(result.error)).toContain(field);
  expect(result.error.fields![field]!.length).toBeGreaterThan(3);
}

async function articleCounts() {
  const database = await db();
  const [a] = await database.select({ n: count() }).from(articles);
  const [r] = await database.select({ n: count() }).from(articleRevisions);
  const [e] = await database
    .select({ n: count() })
    .from(workflowEvents)
    .where(sql`${workflowEvents.articleId} is not null`);
  return { articles: a!.n, revisions: r!.n, events: e!.n };
}

describe("createArticle refuses bad input and creates nothing", () => {
  it.each(BAD_FIELDS)("%s", async (_, patch, field) => {
    const before = await articleCounts();
    const result = await createArticle.execute(reporter.claims, withPatch(validStory(), patch));
    expectInvalidField(result, field);
    expect(await articleCounts()).toEqual(before);
  });

  it.each([
    ["null", null],
    ["a string", "headline=x"],
    ["an array", [validStory()]],
    ["an empty object", {}],
  ])("input that is %s", async (_, input) => {
    const before = await articleCounts();
    const result = await createArticle.execute(reporter.claims, input);
    expect(result).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await articleCounts()).toEqual(before);
  });

  it("reports every bad field at once", async () => {
    const result = await createArticle.execute(reporter.claims, {
      headline: "",
      sectionId: "abc",
      body: doc("x"),
    });
    expectInvalidField(result, "headline");
    expectInvalidField(result, "sectionId");
  });
});

describe("saveArticle refuses bad input and changes nothing", () => {
  let story: { id: string };
  beforeAll(async () => {
    story = await writeStory(reporter);
  });

  it.each(BAD_FIELDS)("%s", async (_, patch, field) => {
    const before = await storyState(story.id);
    const input = withPatch({ id: story.id, baseVersion: before.version, ...validStory() }, patch);
    const result = await saveArticle.execute(reporter.claims, input);
    expectInvalidField(result, field);
    expect(await storyState(story.id)).toEqual(before);
  });

  it.each([
    ["a missing id", { id: undefined }, "id"],
    ["an id that is not a uuid", { id: "1 or 1=1" }, "id"],
    ["a missing baseVersion", { baseVersion: undefined }, "baseVersion"],
    ["a baseVersion as text", { baseVersion: "1" }, "baseVersion"],
    ["a baseVersion of 0", { baseVersion: 0 }, "baseVersion"],
    ["a fractional baseVersion", { baseVersion: 1.5 }, "baseVersion"],
    ["an unknown save kind", { kind: "publish" }, "kind"],
  ])("%s", async (_, patch, field) => {
    const before = await storyState(story.id);
    const input = withPatch({ id: story.id, baseVersion: before.version, ...validStory() }, patch);
    const result = await saveArticle.execute(reporter.claims, input);
    expectInvalidField(result, field);
    expect(await storyState(story.id)).toEqual(before);
  });
});

describe("slugs", () => {
  it("duplicate headlines get distinct slugs", async () => {
    const slugs = [];
    for (let i = 0; i < 3; i++) {
      slugs.push((await writeStory(reporter, "Council passes the budget")).slug);
    }
    expect(slugs).toEqual([
      "council-passes-the-budget",
      "council-passes-the-budget-2",
      "council-passes-the-budget-3",
    ]);
  });

  it("20 concurrent creates with the same headline get 20 distinct slugs and no error", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createArticle.execute((i % 2 ? reporter : editor).claims, {
          ...validStory(),
          headline: "Storm hits the coast",
        }),
      ),
    );
    const failures = results.filter((r) => !r.ok);
    expect(failures, JSON.stringify(failures)).toEqual([]);
    const slugs = results.map((r) => ok(r).slug);
    expect(new Set(slugs).size).toBe(20);
    for (const slug of slugs) expect(slug).toMatch(/^storm-hits-the-coast(-\d+)?$/);
    const stored = await (await db())
      .select({ slug: articles.slug })
      .from(articles)
      .where(sql`${articles.slug} like 'storm-hits-the-coast%'`);
    expect(stored).toHaveLength(20);
  });

  it.each(["Search", "Newsroom", "API", "Login", "Feed", "Sitemap", "Admin", "Setup"])(
    "the reserved headline %s gets a slug that is not reserved",
    async (headline) => {
      const { slug } = await writeStory(reporter, headline);
      expect(isReservedSlug(slug)).toBe(false);
      expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(slug.startsWith(headline.toLowerCase())).toBe(true);
    },
  );

  it("a headline with no letters, or with bidi and zero-width characters, still gets a clean slug", async () => {
    const symbols = await writeStory(reporter, "!!! ??? …");
    expect(symbols.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const tricky = await writeStory(reporter, "Zoë\u202E\u200B wins gold");
    expect(tricky.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(tricky.slug).toContain("zoe");
  });

  it("renaming a draft to another story's headline gives it a distinct slug", async () => {
    const first = await writeStory(reporter, "Harbour reopens");
    const second = await writeStory(reporter, "Something else");
    const saved = ok(
      await saveArticle.execute(reporter.claims, {
        id: second.id,
        baseVersion: 1,
        ...validStory(),
        headline: "Harbour reopens",
      }),
    );
    expect(first.slug).toBe("harbour-reopens");
    expect(saved.slug).toBe("harbour-reopens-2");
  });
});

describe("createUser", () => {
  const newUser = (overrides: Record<string, unknown> = {}) => ({
    name: "Ana López",
    email: `${crypto.randomUUID().slice(0, 8)}@staff.example`,
    password: "a long enough password",
    role: "reporter",
    ...overrides,
  });

  async function usersWithEmail(email: string) {
    return (await db())
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  }

  async function userCount() {
    const [row] = await (await db()).select({ n: count() }).from(users);
    return row!.n;
  }

  it("an admin creates a user: email lowercased, argon2id hash, role stored, audited", async () => {
    const input = newUser({ email: "New.Person@Example.COM", role: "editor" });
    const created = ok(await createUser.execute(admin.claims, input));
    expect(Object.keys(created)).toEqual(["id"]);
    const [row] = await (await db()).select().from(users).where(eq(users.id, created.id));
    expect(row).toMatchObject({
      email: "new.person@example.com",
      role: "editor",
      active: true,
      sessionVersion: 1,
      name: "Ana López",
    });
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(input.password);
    const [audit] = await (await db())
      .select()
      .from(workflowEvents)
      .where(
        sql`${workflowEvents.action} = 'user_created' and ${workflowEvents.detail}->>'userId' = ${created.id}`,
      );
    expect(audit?.actorId).toBe(admin.id);
  });

  it("a duplicate email, in any case, is a conflict on the email field", async () => {
    ok(await createUser.execute(admin.claims, newUser({ email: "Dup.Licate@Example.com" })));
    const before = await userCount();

    const result = await createUser.execute(
      admin.claims,
      newUser({ email: "  dup.licate@EXAMPLE.COM " }),
    );

    expect(result).toMatchObject({
      ok: false,
      error: { code: "conflict", fields: { email: expect.any(String) } },
    });
    expect(await userCount()).toBe(before);
    expect(await usersWithEmail("dup.licate@example.com")).toHaveLength(1);
  });

  it("two admins adding the same email at once: one user, and the other gets a conflict (not a 500)", async () => {
    const email = `race-${crypto.randomUUID().slice(0, 6)}@staff.example`;
    const results = await Promise.all([
      createUser.execute(admin.claims, newUser({ email })),
      createUser.execute(admin.claims, newUser({ email: email.toUpperCase() })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await usersWithEmail(email)).toHaveLength(1);
  });

  it.each([
    ["an unknown role", { role: "superuser" }, "role"],
    ["a capitalised role", { role: "Admin" }, "role"],
    ["a missing role", { role: undefined }, "role"],
    ["a short password", { password: "short" }, "password"],
    ["a NUL in the password", { password: "long enough\u0000password" }, "password"],
    ["a bad email", { email: "not-an-email" }, "email"],
    ["an empty name", { name: "  " }, "name"],
  ])("%s is invalid and creates nobody", async (_, patch, field) => {
    const before = await userCount();
    const input = withPatch(newUser(), patch);
    expectInvalidField(await createUser.execute(admin.claims, input), field);
    expect(await userCount()).toBe(before);
  });

  it("extra fields (active, sessionVersion, passwordHash) are invalid and create nobody", async () => {
    const before = await userCount();
    for (const extra of [
      { active: false },
      { sessionVersion: 9 },
      { passwordHash: "$argon2id$x" },
    ]) {
      const result = await createUser.execute(admin.claims, newUser(extra));
      expect(result).toMatchObject({ ok: false, error: { code: "invalid" } });
    }
    expect(await userCount()).toBe(before);
  });

  it("an editor calling createUser is forbidden and creates nobody", async () => {
    const before = await userCount();
    const input = newUser({ role: "reporter" });
    const result = await createUser.execute(editor.claims, input);
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await userCount()).toBe(before);
    expect(await usersWithEmail(input.email as string)).toEqual([]);
  });

  it("a reporter or anonymous caller is refused too", async () => {
    const before = await userCount();
    expect(await createUser.execute(reporter.claims, newUser())).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await createUser.execute(null, newUser({ role: "admin" }))).toMatchObject({
      ok: false,
      error: { code: "unauthenticated" },
    });
    expect(await userCount()).toBe(before);
  });
});
