import crypto from "node:crypto";
import postgres from "postgres";
import { type DatabaseHandle, openPostgres } from "@/db/client";

/** The server the bench creates its own databases on (trust auth on this machine). */
export const BENCH_SERVER_URL =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export type BenchDatabase = { name: string; url: string; handle: DatabaseHandle };

/**
 * A new, migrated database named `prefix_<random>`. With BENCH_DATABASE_URL naming a database
 * other than `postgres`, that database is used as it is (and never dropped).
 */
export async function createBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  const givenName = given ? new URL(given).pathname.slice(1) : "";
  let name: string;
  let url: string;
  if (given && givenName && givenName !== "postgres" && prefix === "bench") {
    name = givenName;
    url = given;
  } else {
    name = `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
    const admin = postgres(withDatabase(BENCH_SERVER_URL, "postgres"), {
      max: 1,
      onnotice: () => {},
    });
    try {
      await admin.unsafe(`create database ${name}`);
    } finally {
      await admin.end();
    }
    url = withDatabase(BENCH_SERVER_URL, name);
  }
  const handle = openPostgres(url, { max: 10 });
  await handle.migrate();
  return { name, url, handle };
}

/**
 * A database kept between runs under a fixed name (the 100,000-story search archive takes
 * minutes to write on this machine). Returns `fresh: true` when it was just created.
 */
export async function keptBenchDatabase(
  name: string,
  rebuild: boolean,
): Promise<BenchDatabase & { fresh: boolean }> {
  const admin = postgres(withDatabase(BENCH_SERVER_URL, "postgres"), {
    max: 1,
    onnotice: () => {},
  });
  let fresh = rebuild;
  try {
    if (rebuild) await admin.unsafe(`drop database if exists ${name} with (force)`);
    const [row] = await admin`select 1 as found from pg_database where datname = ${name}`;
    if (!row) {
      await admin.unsafe(`create database ${name}`);
      fresh = true;
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(BENCH_SERVER_URL, name);
  const handle = openPostgres(url, { max: 4 });
  await handle.migrate();
  return { name, url, handle, fresh };
}

export async function dropBenchDatabase(database: BenchDatabase): Promise<void> {
  await database.handle.close();
  if (process.env.BENCH_KEEP === "1") return;
  if (process.env.BENCH_DATABASE_URL?.endsWith(`/${database.name}`)) return;
  const admin = postgres(withDatabase(BENCH_SERVER_URL, "postgres"), {
    max: 1,
    onnotice: () => {},
  });
  try {
    await admin.unsafe(`drop database if exists ${database.name} with (force)`);
  } finally {
    await admin.end();
  }
}
