import "server-only";
import { type Database, type DatabaseHandle, openPglite, openPostgres } from "@/db/client";
import { handleStore } from "@/db/handle-store";
import { config } from "./config";

const store = handleStore;

/**
 * The one database handle of this process, opened and migrated on first use. Held on
 * globalThis (db/handle-store.ts) because Next keeps a module instance per route bundle.
 */
export function openDatabase(): Promise<DatabaseHandle> {
  if (store.__newsroomDb) return Promise.resolve(store.__newsroomDb);
  store.__newsroomDbOpening ??= (async () => {
    const cfg = config();
    const handle = cfg.databaseUrl
      ? openPostgres(cfg.databaseUrl, {
          statementTimeoutMs: cfg.databaseTimeouts.statementMs,
          idleInTransactionTimeoutMs: cfg.databaseTimeouts.idleInTransactionMs,
          ownerUrl: cfg.databaseOwnerUrl ?? undefined,
        })
      : await openPglite(cfg.dataDir);
    try {
      await handle.migrate();
    } catch (error) {
      await handle.close();
      throw error;
    }
    store.__newsroomDb = handle;
    return handle;
  })().catch((error) => {
    store.__newsroomDbOpening = undefined;
    throw error;
  });
  return store.__newsroomDbOpening;
}

export async function db(): Promise<Database> {
  return (await openDatabase()).db;
}

/** Tests and scripts hand in the database they opened themselves. */
export function setDatabase(handle: DatabaseHandle): void {
  store.__newsroomDb = handle;
  store.__newsroomDbOpening = Promise.resolve(handle);
}

export async function closeDatabase(): Promise<void> {
  const handle = store.__newsroomDb;
  store.__newsroomDb = undefined;
  store.__newsroomDbOpening = undefined;
  await handle?.close();
}
