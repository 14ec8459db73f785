import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { grantAppRole } from "./app-role";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Both drivers give this same query surface; domain code never knows which one it has. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  kind: "pglite" | "postgres";
  /** Applies committed migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  /** One trivial round trip (`select 1`): rejects when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

export class DatabaseLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${path.resolve(dataDir)} is in use by another process (pid ${pid}). ` +
        "Stop that process first, or point DATA_DIR somewhere else. (Opening it twice would corrupt it.)",
    );
    this.name = "DatabaseLockedError";
  }
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite allows one process per data directory; a second one would corrupt it. The lock is
 * a pid file created with O_EXCL: a stale one (its process is gone, e.g. after kill -9) is
 * replaced, and only one of several racing takers can create the new one.
 */
const heldStore = globalThis as { __newsroomHeldDirs?: Set<string> };
heldStore.__newsroomHeldDirs ??= new Set<string>();
/** Directories this process has open: held across Next's per-route module instances. */
const held = heldStore.__newsroomHeldDirs;

function acquireDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const dir = path.resolve(dataDir);
  // This process already has it open: a second PGlite on the same files would corrupt them.
  if (held.has(dir)) throw new DatabaseLockedError(dataDir, process.pid);
  const lockPath = path.join(dataDir, "pglite.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      held.add(dir);
      return () => {
        held.delete(dir);
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      // Our own pid in a lock we do not hold is left over from a previous process that had it.
      if (Number.isFinite(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DatabaseLockedError(dataDir, holder);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}`);
}

/** Opens PGlite: in a directory (locked against a second process) or in memory for tests. */
export async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  const release = dataDir ? acquireDirLock(dataDir) : () => {};
  let client: PGlite;
  try {
    client = dataDir ? new PGlite(path.join(dataDir, "pgdata")) : new PGlite();
    await client.waitReady;
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    async ping() {
      await client.query("select 1");
    },
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

const MIGRATION_LOCK_KEY = 7_242_024;

export type PostgresOptions = {
  max?: number;
  /**
   * PostgreSQL's `statement_timeout` for every connection of the pool, in milliseconds: a
   * statement running longer is cancelled (SQLSTATE 57014, "canceling statement due to
   * statement timeout") instead of holding a connection and the request that waits for it.
   * 0 or unset leaves the server's setting.
   */
  statementTimeoutMs?: number;
  /**
   * `idle_in_transaction_session_timeout`, in milliseconds: a connection left inside an open
   * transaction this long (a request that died between BEGIN and COMMIT) is closed by the
   * server, which releases its locks; the pool opens a new one. 0 or unset: server's setting.
   */
  idleInTransactionTimeoutMs?: number;
  /**
   * The schema owner's connection string (DATABASE_OWNER_URL). When set, migrations run as
   * the owner and then grant the role of `url` what the app needs (db/app-role.ts), so the
   * app itself never owns a table. Unset: the app's role migrates and owns the schema.
   */
  ownerUrl?: string;
};

export function openPostgres(url: string, options: PostgresOptions = {}): DatabaseHandle {
  const client = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    // While PostgreSQL is down or restarting, requests must fail fast (a 503) and the pool must
    // reconnect as soon as it is back. postgres.js waits before each reconnection attempt with
    // an exponential backoff of up to 20 s, during which every query queues (the request hangs)
    // and recovery lags; cap the wait at a quarter of a second. A connection killed while it
    // is starting up (pg_terminate_backend, a failover) can leave its first query waiting for
    // the connect timeout (porsager/postgres#1193), so keep that short too.
    connect_timeout: 3,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.25),
    onnotice: () => {},
    // Sent in the start-up packet, so they hold for every statement on every connection,
    // with no extra round trip (postgres.js leaves out a 0, i.e. the server's own setting).
    connection: {
      application_name: "newsroom-cms",
      statement_timeout: options.statementTimeoutMs ?? 0,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 0,
    },
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return {
    db,
    kind: "postgres",
    async migrate() {
      // Several instances may start together: one migrates while the others wait. Migrations
      // run on this connection of their own, outside the pool's statement timeout: building an
      // index on a large table may rightly take minutes.
      const lock = postgres(options.ownerUrl ?? url, {
        max: 1,
        onnotice: () => {},
        connection: { application_name: "newsroom-cms-migrate" },
      });
      try {
        await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(lock, { schema }), {
          migrationsFolder: MIGRATIONS_FOLDER,
        });
        if (options.ownerUrl) {
          const [app] = await client<{ role: string }[]>`select current_user as role`;
          const [owner] = await lock<{ role: string }[]>`select current_user as role`;
          if (app && owner && app.role !== owner.role) await grantAppRole(lock, app.role);
        }
        await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await lock.end({ timeout: 5 });
      }
    },
    async ping() {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}
