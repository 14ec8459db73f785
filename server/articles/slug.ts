import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { articles, publishedArticles, slugRedirects } from "@/db/schema";
import { isReservedSlug, slugify } from "@/lib/slug";

/**
 * Slug allocation is serialised with transaction-scoped advisory locks. A slug `x-3` can be
 * produced from the base `x` (numbered) or asked for as `x-3` itself, so whoever produces it
 * holds the lock of `x` as well as its own: two writers that could both end up with the same
 * slug always share one lock, and a collision is a clear refusal, never a unique-index 500.
 * Locks are taken shorter key first, so two writers cannot wait on each other in a circle.
 */
async function lockSlug(tx: Executor, slug: string): Promise<void> {
  const numbered = /^(.+)-[0-9]+$/.exec(slug);
  for (const key of numbered ? [numbered[1]!, slug] : [slug]) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`slug:${key}`}))`);
  }
}

/**
 * Lower-cased slugs matching `pattern` that belong to another story: its own slug, the slug
 * its live copy still has (an address change waiting for "Publish update"), or an old slug
 * that redirects to it. All three are addresses readers may follow to that story.
 */
async function slugsInUse(tx: Executor, pattern: string, excludeArticleId?: string) {
  const other = (column: AnyPgColumn) =>
    excludeArticleId ? ne(column, excludeArticleId) : undefined;
  const own = await tx
    .select({ slug: sql<string>`lower(${articles.slug})` })
    .from(articles)
    .where(and(sql`lower(${articles.slug}) ~ ${pattern}`, other(articles.id)));
  const live = await tx
    .select({ slug: sql<string>`lower(${publishedArticles.slug})` })
    .from(publishedArticles)
    .where(
      and(sql`lower(${publishedArticles.slug}) ~ ${pattern}`, other(publishedArticles.articleId)),
    );
  const old = await tx
    .select({ slug: slugRedirects.slug })
    .from(slugRedirects)
    .where(and(sql`${slugRedirects.slug} ~ ${pattern}`, other(slugRedirects.articleId)));
  return new Set([...own, ...live, ...old].map((r) => r.slug));
}

const regexLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A slug no other story has (or had): the headline's, numbered when taken. */
export async function uniqueSlug(
  tx: Executor,
  source: string,
  excludeArticleId?: string,
): Promise<string> {
  let base = slugify(source);
  if (isReservedSlug(base)) base = `${base}-story`;
  await lockSlug(tx, base);
  const taken = await slugsInUse(tx, `^${regexLiteral(base)}(-[0-9]+)?$`, excludeArticleId);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Claims exactly this slug for a story (a hand edit), or answers false when another story
 * uses it now or used it before. The caller has normalised and checked its shape.
 */
export async function claimSlug(tx: Executor, slug: string, articleId: string): Promise<boolean> {
  await lockSlug(tx, slug);
  const taken = await slugsInUse(tx, `^${regexLiteral(slug)}$`, articleId);
  return !taken.has(slug);
}

/**
 * Called when a story is taken down: its public address is kept as one of the story's old
 * addresses. It redirects nowhere while the story is down (redirects lead to live copies
 * only), no other story can take it, and if the story returns under another slug,
 * readers following the old address get a 301 to the new one.
 */
export async function keepPublicAddress(
  tx: Executor,
  articleId: string,
  slug: string,
): Promise<void> {
  await tx
    .insert(slugRedirects)
    .values({ slug: slug.toLowerCase(), articleId })
    .onConflictDoUpdate({ target: slugRedirects.slug, set: { articleId, createdAt: new Date() } });
}

/**
 * Called when a story's live copy changes address: the old address answers 301 to the
 * new one from now on, and the new one stops being a redirect (a story may take back an
 * address it had before). Redirects name the story, not a slug, so after A → B → C both
 * A and B lead straight to C.
 */
export async function recordAddressChange(
  tx: Executor,
  articleId: string,
  oldSlug: string | null,
  newSlug: string,
): Promise<void> {
  await tx
    .delete(slugRedirects)
    .where(
      and(eq(slugRedirects.slug, newSlug.toLowerCase()), eq(slugRedirects.articleId, articleId)),
    );
  if (!oldSlug || oldSlug.toLowerCase() === newSlug.toLowerCase()) return;
  await tx
    .insert(slugRedirects)
    .values({ slug: oldSlug.toLowerCase(), articleId })
    .onConflictDoUpdate({ target: slugRedirects.slug, set: { articleId, createdAt: new Date() } });
}
