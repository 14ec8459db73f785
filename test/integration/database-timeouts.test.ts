import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openPostgres } from "@/db/client";
import { handleStore } from "@/db/handle-store";
import { articles, sections } from "@/db/schema";
import { submitArticle } from "@/server/articles/commands/transitions";
import { type Config, config, parseConfig } from "@/server/config";
import { db, openDatabase, setDatabase } from "@/server/db";
import {
  isDatabaseUnavailable,
  isStatementCancelled,
  TIMED_OUT_MESSAGE,
} from "@/server/http/unavailable";
import { makeUser, type TestUser, writeStory } from "../support/fixtures";
import { dbKind } from "../support/setup-db";

/**
 * Issue 6, faults: PostgreSQL's statement_timeout and idle_in_transaction_session_timeout,
 * set on every connection of the app's pool (DATABASE_STATEMENT_TIMEOUT_MS,
 * DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS). A runaway query or a lock held by a stuck
 * transaction cannot hold a connection, and the request waiting on it, for ever: it is cut
 * off with a clear error, and everything else goes on working.
 */

describe("the settings", () => {
  it("default to 30 s per statement and 60 s idle in a transaction; 0 turns either off", () => {
    const base = {
      DATA_DIR: "/tmp/unused",
      AUTH_SECRET: "x".repeat(32),
    } as unknown as NodeJS.ProcessEnv;
    expect(parseConfig(base).databaseTimeouts).toEqual({
      statementMs: 30_000,
      idleInTransactionMs: 60_000,
    });
    expect(
      parseConfig({
        ...base,
        DATABASE_STATEMENT_TIMEOUT_MS: "0",
        DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "1500",
      }).databaseTimeouts,
    ).toEqual({ statementMs: 0, idleInTransactionMs: 1_500 });
    expect(() => parseConfig({ ...base, DATABASE_STATEMENT_TIMEOUT_MS: "-1" })).toThrow(
      /DATABASE_STATEMENT_TIMEOUT_MS/,
    );
    expect(() => parseConfig({ ...base, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: "soon" })).toThrow(
      /DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS/,
    );
  });
});

describe.runIf(dbKind === "postgres")("on PostgreSQL", () => {
  const STATEMENT_MS = 400;
  const IDLE_MS = 600;
  let url = "";
  let limited: DatabaseHandle;
  let reporter: TestUser;

  beforeAll(async () => {
    const [row] = (await (
      await db()
    ).execute(sql`select current_database() as name`)) as unknown as { name: string }[];
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${row!.name}`;
    url = u.toString();
    limited = openPostgres(url, {
      max: 3,
      statementTimeoutMs: STATEMENT_MS,
      idleInTransactionTimeoutMs: IDLE_MS,
    });
    reporter = await makeUser("reporter");
  });

  afterAll(async () => {
    await limited?.close();
  });

  const show = async (handle: DatabaseHandle, name: string) => {
    const rows = (await handle.db.execute(sql.raw(`show ${name}`))) as unknown as Record<
      string,
      string
    >[];
    return rows[0]![name];
  };

  it("sets both on every connection of the pool", async () => {
    // Three overlapping statements: three connections.
    const rows = await Promise.all(
      [1, 2, 3].map(async () => {
        const [row] = (await limited.db.execute(sql`
          select pg_backend_pid() as pid,
                 current_setting('statement_timeout') as statement,
                 current_setting('idle_in_transaction_session_timeout') as idle
          from pg_sleep(0.2)`)) as unknown as { pid: number; statement: string; idle: string }[];
        return row!;
      }),
    );
    expect(new Set(rows.map((r) => r.pid)).size).toBe(3);
    expect(rows.map(({ statement, idle }) => ({ statement, idle }))).toEqual(
      Array(3).fill({ statement: "400ms", idle: "600ms" }),
    );
  });

  it("cuts off a long query with a clear error, and the pool goes on working", async () => {
    const failure = await limited.db.execute(sql`select pg_sleep(30)`).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure, "pg_sleep(30) was cut off").not.toBeNull();
    const cause = (failure as { cause?: { code?: string; message?: string } }).cause;
    expect(cause?.code).toBe("57014");
    expect(cause?.message).toBe("canceling statement due to statement timeout");
    expect(isStatementCancelled(failure)).toBe(true);
    // Not mistaken for an outage: the database is there, the statement was too slow.
    expect(isDatabaseUnavailable(failure)).toBe(false);

    // Short statements, reads and a whole transaction still work, on every connection.
    await Promise.all(
      [1, 2, 3].map(async () => {
        expect(await show(limited, "server_version_num")).toMatch(/^\d+$/);
      }),
    );
    const [politics] = await limited.db
      .select({ slug: sections.slug })
      .from(sections)
      .where(eq(sections.slug, "politics"));
    expect(politics?.slug).toBe("politics");
    const story = await writeStory(reporter, "Written before the timeout test");
    const open = await limited.db.transaction(async (tx) => {
      await tx.update(articles).set({ commentsOpen: false }).where(eq(articles.id, story.id));
      const [row] = await tx
        .select({ open: articles.commentsOpen })
        .from(articles)
        .where(eq(articles.id, story.id));
      return row?.open;
    });
    expect(open).toBe(false);
  });

  it("closes a connection left idle inside a transaction, rolls its work back, and reconnects", async () => {
    const story = await writeStory(reporter, "Left in an open transaction");
    const failure = await limited.db
      .transaction(async (tx) => {
        await tx.update(articles).set({ commentsOpen: false }).where(eq(articles.id, story.id));
        // A request that stalls between BEGIN and COMMIT (awaiting something else).
        await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 3));
        await tx.execute(sql`select 1`);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure, "the stalled transaction failed").not.toBeNull();
    const [row] = await (await db())
      .select({ open: articles.commentsOpen })
      .from(articles)
      .where(eq(articles.id, story.id));
    expect(row?.open, "the stalled transaction's change was rolled back").toBe(true);
    // The server closed that connection; the pool opens another.
    expect(await show(limited, "idle_in_transaction_session_timeout")).toBe("600ms");
  });

  it("turns a command stuck behind a lock into a clear 'try again' and changes nothing; once the lock goes, it succeeds", async () => {
    const story = await writeStory(reporter, "Locked by a stuck transaction");
    // Another session holds the story's row in a transaction it does not finish.
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    const saved = handleStore.__newsroomDb!;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holding = holder.begin(async (tx) => {
      await tx`select id from articles where id = ${story.id} for update`;
      locked();
      await released;
    });
    try {
      await isLocked;
      // The app's own command, on a pool with the statement timeout.
      setDatabase(limited);
      const refused = await submitArticle.execute(reporter.claims, {
        id: story.id,
        fromStatus: "draft",
      });
      expect(refused).toEqual({
        ok: false,
        error: { code: "unavailable", message: TIMED_OUT_MESSAGE },
      });
      const [still] = await limited.db
        .select({ status: articles.status })
        .from(articles)
        .where(eq(articles.id, story.id));
      expect(still?.status).toBe("draft");

      release();
      await holding;
      const submitted = await submitArticle.execute(reporter.claims, {
        id: story.id,
        fromStatus: "draft",
      });
      expect(submitted.ok).toBe(true);
    } finally {
      release();
      setDatabase(saved);
      await holding.catch(() => {});
      await holder.end({ timeout: 5 });
    }
  });

  it("is what server/db.ts opens the app's pool with, from the configuration", async () => {
    const store = globalThis as unknown as { __newsroomConfig: Config };
    const savedConfig = config();
    const savedHandle = handleStore.__newsroomDb!;
    store.__newsroomConfig = {
      ...savedConfig,
      databaseUrl: url,
      databaseTimeouts: { statementMs: 1_234, idleInTransactionMs: 5_678 },
    };
    handleStore.__newsroomDb = undefined;
    handleStore.__newsroomDbOpening = undefined;
    let opened: DatabaseHandle | null = null;
    try {
      opened = await openDatabase();
      expect(opened).not.toBe(savedHandle);
      expect(await show(opened, "statement_timeout")).toBe("1234ms");
      expect(await show(opened, "idle_in_transaction_session_timeout")).toBe("5678ms");
    } finally {
      await opened?.close();
      store.__newsroomConfig = savedConfig;
      setDatabase(savedHandle);
    }
  });
});
