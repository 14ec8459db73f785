import "server-only";
import type { Database } from "@/db/client";
import { db } from "../db";

const statements = new WeakMap<Database, Map<string, unknown>>();

/**
 * A hot reader query built and prepared once per database handle (drizzle `.prepare(name)`:
 * postgres.js then uses a named server-side statement instead of re-parsing and re-planning
 * every request, and drizzle skips rebuilding the SQL string). Keyed by handle because tests
 * and scripts may swap the process's database.
 */
export function prepared<T>(name: string, build: (database: Database) => T): () => Promise<T> {
  return async () => {
    const database = await db();
    let byName = statements.get(database);
    if (!byName) {
      byName = new Map();
      statements.set(database, byName);
    }
    let statement = byName.get(name) as T | undefined;
    if (!statement) {
      statement = build(database);
      byName.set(name, statement);
    }
    return statement;
  };
}
