import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { type DatabaseHandle, openPglite, openPostgres } from "@/db/client";
import { closeDatabase, setDatabase } from "@/server/db";

/**
 * Gives each test file a fresh, migrated database: PGlite in memory, or a new database on
 * the PostgreSQL server named by TEST_DATABASE_URL (dropped afterwards).
 */
let handle: DatabaseHandle | null = null;
let dropName: string | null = null;

export const dbKind = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";

beforeAll(async () => {
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
  if (dbKind === "postgres") {
    const base = process.env.TEST_DATABASE_URL!;
    const name = `newsroom_t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    handle = openPostgres(url.toString(), { max: 8 });
    dropName = name;
  } else {
    handle = await openPglite(null);
  }
  await handle.migrate();
  setDatabase(handle);
});

afterAll(async () => {
  await closeDatabase();
  if (dropName) {
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${dropName} with (force)`);
    await admin.end();
  }
});
