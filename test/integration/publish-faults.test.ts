import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import { db } from "@/server/db";
import { makeUser, storyAt, storyState, type TestUser } from "../support/fixtures";

/**
 * THREATS 35, step by step: a publication is one transaction, so a failure at any of its
 * writes must leave the story exactly as it was, neither published nor half-published.
 *
 * The fault is the database's own: a trigger that raises on one table at a time, installed
 * for the length of one command. Every table in the schema gets its turn; a table the command
 * does not write lets it succeed, and each one it does write must make it fail with nothing
 * changed: status, version, published revision, reader copy, search document, audit trail
 * and cache-purge queue (outbox) all as before.
 */
let reporter: TestUser;
let editor: TestUser;
let tables: string[];

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function run(statement: string) {
  await (await db()).execute(sql.raw(statement));
}

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await (await db()).execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** Everything a publication touches, as stored, beyond what storyState reads. */
async function around(articleId: string) {
  const [counts] = await rows<{ outbox: number; search: number }>(sql`
    select
      (select count(*)::int from outbox
        where payload::jsonb->>'articleId' = ${articleId}) as outbox,
      (select count(*)::int from search_documents where article_id = ${articleId}) as search`);
  return { ...(await storyState(articleId)), ...counts };
}

/** Runs `command` with every write to `table` failing, and says whether it went through. */
async function withFaultOn(table: string, command: () => Promise<{ ok: boolean }>) {
  await run(`create trigger injected_fault before insert or update or delete on ${ident(table)}
    for each statement execute function injected_fault()`);
  try {
    return await command().catch(() => ({ ok: false }));
  } finally {
    await run(`drop trigger injected_fault on ${ident(table)}`);
  }
}

beforeAll(async () => {
  reporter = await makeUser("reporter");
  editor = await makeUser("editor");
  await run(`create function injected_fault() returns trigger language plpgsql as $$
    begin raise exception 'injected fault on %', tg_table_name; end $$`);
  tables = (
    await rows<{ name: string }>(sql`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)
  ).map((t) => t.name);
});

describe("a fault at any write of a publication leaves the story as it was", () => {
  const cases = [
    { transition: "publish", from: "approved", to: "published" },
    { transition: "unpublish", from: "published", to: "unpublished" },
  ] as const;

  for (const { transition, from, to } of cases) {
    it(`${transition}: each table it writes, failing, makes it fail and change nothing`, async () => {
      const failedOn: string[] = [];
      for (const table of tables) {
        const story = await storyAt(from, reporter, editor);
        const before = await around(story.id);
        const result = await withFaultOn(table, () =>
          TRANSITION_COMMANDS[transition].execute(editor.claims, {
            id: story.id,
            fromStatus: from,
            note: "",
          }),
        );
        const after = await around(story.id);
        if (result.ok) {
          // The command does not write this table: it went through, whole.
          expect(after.status, `${transition} with a fault on ${table}`).toBe(to);
          continue;
        }
        failedOn.push(table);
        expect(after, `${transition} failed on ${table}, and must have changed nothing`).toEqual(
          before,
        );
        // The fault gone, the same command succeeds: nothing was left locked or half-done.
        const retry = await TRANSITION_COMMANDS[transition].execute(editor.claims, {
          id: story.id,
          fromStatus: from,
          note: "",
        });
        expect(retry.ok, `${transition} after the fault on ${table} was removed`).toBe(true);
      }
      // The faults must have reached every step a publication is made of.
      expect(failedOn).toEqual(expect.arrayContaining(["articles", "workflow_events", "outbox"]));
      if (transition === "publish") {
        expect(failedOn).toEqual(
          expect.arrayContaining(["published_articles", "search_documents"]),
        );
      }
    });
  }
});
