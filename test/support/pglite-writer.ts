/**
 * A child process for the embedded-database crash test: opens PGlite in DATA_DIR (taking its
 * lock like the server does) and commits numbered writes as fast as it can, printing
 * `ack N` only after transaction N has committed. The test kills it with SIGKILL mid-loop.
 *
 * Each transaction writes to two tables and bumps a counter row, so a half-applied
 * transaction after the crash would show as a mismatch between them.
 */
import { sql } from "drizzle-orm";
import { openPglite } from "@/db/client";

const dir = process.env.DATA_DIR;
if (!dir) throw new Error("DATA_DIR is required");

const handle = await openPglite(dir);
await handle.db.execute(
  sql`create table if not exists crash_items (n int primary key, body text not null)`,
);
await handle.db.execute(sql`create table if not exists crash_log (n int primary key)`);
await handle.db.execute(
  sql`create table if not exists crash_counter (id int primary key, total int not null)`,
);
await handle.db.execute(sql`insert into crash_counter values (1, 0) on conflict do nothing`);
const result = (await handle.db.execute(
  sql`select coalesce(max(n), 0)::int as n from crash_items`,
)) as unknown as { rows: { n: number }[] };
const start = result.rows[0]?.n ?? 0;
process.stdout.write("ready\n");

// A few KB per row, so the kill lands in the middle of page and WAL writes, not between them.
const filler = "x".repeat(4_000);
for (let n = start + 1; ; n++) {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`insert into crash_items values (${n}, ${`${n}:${filler}`})`);
    await tx.execute(sql`insert into crash_log values (${n})`);
    await tx.execute(sql`update crash_counter set total = total + 1 where id = 1`);
  });
  process.stdout.write(`ack ${n}\n`);
}
