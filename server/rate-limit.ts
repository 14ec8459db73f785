import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";

export type RateDecision = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * Counts one hit against `key` in a fixed window and says whether it is within `limit`.
 * One atomic upsert: concurrent hits on any instance each get a distinct count, so a burst
 * of N parallel requests admits exactly `limit` of them.
 */
export async function hit(
  ex: Executor,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<RateDecision> {
  const result = await ex.execute(sql`
    insert into rate_limits as r (key, count, window_start)
    values (${key}, 1, now())
    on conflict (key) do update set
      count = case when r.window_start < now() - make_interval(secs => ${windowSeconds}) then 1 else r.count + 1 end,
      window_start = case when r.window_start < now() - make_interval(secs => ${windowSeconds}) then now() else r.window_start end
    returning count, extract(epoch from (r.window_start + make_interval(secs => ${windowSeconds}) - now()))::int as retry
  `);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    count: number;
    retry: number;
  }[];
  const row = rows[0]!;
  return {
    allowed: Number(row.count) <= limit,
    count: Number(row.count),
    retryAfterSeconds: Math.max(1, Number(row.retry)),
  };
}

/** Clears a key (e.g. a successful sign-in resets the failure count). */
export async function resetKey(ex: Executor, key: string): Promise<void> {
  await ex.execute(sql`delete from rate_limits where key = ${key}`);
}
