import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { handleStore } from "@/db/handle-store";
import { type Config, config, parseConfig } from "@/server/config";
import { openDatabase, setDatabase } from "@/server/db";
import { eventsOf, liveCopy, makeUser, storyAt } from "../support/fixtures";
import { dbKind } from "../support/setup-db";

/**
 * THREATS 42, "the app role has INSERT-only on the audit table": with DATABASE_OWNER_URL the
 * schema's owner migrates and the app runs as a role that owns nothing (db/app-role.ts). The
 * newsroom works as that role, and the audit trail and saved revisions cannot be changed by
 * it: UPDATE, DELETE and TRUNCATE are refused by privilege, and the append-only triggers
 * cannot be switched off, as their owner could.
 */
describe("the configuration", () => {
  const base = {
    DATA_DIR: "/tmp/unused",
    AUTH_SECRET: "x".repeat(32),
  } as unknown as NodeJS.ProcessEnv;

  it("takes DATABASE_OWNER_URL beside DATABASE_URL, and refuses it alone or malformed", () => {
    const both = parseConfig({
      ...base,
      DATABASE_URL: "postgres://app@db/newsroom",
      DATABASE_OWNER_URL: "postgres://owner@db/newsroom",
    });
    expect(both.databaseOwnerUrl).toBe("postgres://owner@db/newsroom");
    expect(() => parseConfig({ ...base, DATABASE_OWNER_URL: "postgres://owner@db/x" })).toThrow(
      /DATABASE_OWNER_URL: only with DATABASE_URL/,
    );
    expect(() =>
      parseConfig({
        ...base,
        DATABASE_URL: "postgres://app@db/x",
        DATABASE_OWNER_URL: "mysql://owner@db/x",
      }),
    ).toThrow(/DATABASE_OWNER_URL: must be a postgres:\/\/ URL/);
  });
});

describe.runIf(dbKind === "postgres")("the app as a role that owns nothing", () => {
  const suffix = crypto.randomBytes(5).toString("hex");
  const role = `newsroom_app_${suffix}`;
  const database = `newsroom_role_${suffix}`;
  const server = process.env.TEST_DATABASE_URL ?? "";
  const urlFor = (user: string | null) => {
    const url = new URL(server);
    url.pathname = `/${database}`;
    if (user) url.username = user;
    return url.toString();
  };
  let admin: postgres.Sql;
  let asApp: postgres.Sql;
  let saved: DatabaseHandle;
  let savedConfig: Config;
  let opened: DatabaseHandle | null = null;

  beforeAll(async () => {
    admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create role ${role} login`);
    await admin.unsafe(`create database ${database}`);
    // Opened the way the app opens its database: from the configuration, migrating first.
    saved = await openDatabase();
    savedConfig = config();
    (globalThis as unknown as { __newsroomConfig: Config }).__newsroomConfig = {
      ...savedConfig,
      databaseUrl: urlFor(role),
      databaseOwnerUrl: urlFor(null),
    };
    handleStore.__newsroomDb = undefined;
    handleStore.__newsroomDbOpening = undefined;
    opened = await openDatabase();
    asApp = postgres(urlFor(role), { max: 1, onnotice: () => {} });
  });

  afterAll(async () => {
    await asApp?.end({ timeout: 5 });
    await opened?.close();
    (globalThis as unknown as { __newsroomConfig: Config }).__newsroomConfig = savedConfig;
    setDatabase(saved);
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.unsafe(`drop role if exists ${role}`);
    await admin.end({ timeout: 5 });
  });

  it("owns no table: the owner migrated, the app's role was granted what it needs", async () => {
    const owned = await asApp`
      select count(*)::int as n from pg_tables
      where schemaname = 'public' and tableowner = current_user`;
    expect(owned[0]?.n).toBe(0);
    const [me] = await asApp`select current_user as name`;
    expect(me?.name).toBe(role);
  });

  it("runs the newsroom: a story is written, reviewed and published as that role", async () => {
    const reporter = await makeUser("reporter");
    const editor = await makeUser("editor");
    const story = await storyAt("published", reporter, editor);
    expect((await liveCopy(story.id))?.slug).toBe(story.slug);
    expect((await eventsOf(story.id)).map((e) => e.action)).toContain("published");
  });

  it("cannot change, remove or empty the audit trail or a saved revision, nor switch its guard off", async () => {
    const refused = async (statement: string, message: RegExp) => {
      const error = await asApp.unsafe(statement).then(
        () => null,
        (e: postgres.PostgresError) => e,
      );
      expect(error, statement).not.toBeNull();
      expect(error?.code, statement).toBe("42501");
      expect(error?.message, statement).toMatch(message);
    };
    const [before] = await asApp`select count(*)::int as n from workflow_events`;
    expect(before?.n).toBeGreaterThan(0);
    for (const table of ["workflow_events", "article_revisions"]) {
      await refused(`update ${table} set created_at = now()`, /permission denied/);
      await refused(`delete from ${table}`, /permission denied/);
      await refused(`truncate ${table}`, /permission denied/);
      await refused(`alter table ${table} disable trigger all`, /must be owner/);
    }
    const [after] = await asApp`select count(*)::int as n from workflow_events`;
    expect(after?.n).toBe(before?.n);
  });

  it("keeps the grants through a second start, and covers what later migrations add", async () => {
    await opened!.migrate();
    const grants = await asApp`
      select table_name, string_agg(privilege_type, ',' order by privilege_type) as privileges
      from information_schema.role_table_grants
      where grantee = current_user and table_name in ('workflow_events', 'article_revisions', 'articles')
      group by table_name order by table_name`;
    expect(grants).toEqual([
      { table_name: "article_revisions", privileges: "INSERT,SELECT" },
      { table_name: "articles", privileges: "DELETE,INSERT,SELECT,UPDATE" },
      { table_name: "workflow_events", privileges: "INSERT,SELECT" },
    ]);
  });
});
