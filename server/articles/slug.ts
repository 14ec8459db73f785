import "server-only";
import { and, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { articles } from "@/db/schema";
import { isReservedSlug, slugify } from "@/lib/slug";

/**
 * A slug no other story has. Allocation for the same base is serialised with a
 * transaction-scoped advisory lock, so concurrent creates get distinct slugs, not a 500.
 */
export async function uniqueSlug(
  tx: Executor,
  source: string,
  excludeArticleId?: string,
): Promise<string> {
  let base = slugify(source);
  if (isReservedSlug(base)) base = `${base}-story`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`slug:${base}`}))`);
  const rows = await tx
    .select({ slug: articles.slug })
    .from(articles)
    .where(
      and(
        sql`lower(${articles.slug}) ~ ${`^${base}(-[0-9]+)?$`}`,
        excludeArticleId ? ne(articles.id, excludeArticleId) : undefined,
      ),
    );
  const taken = new Set(rows.map((r) => r.slug.toLowerCase()));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
