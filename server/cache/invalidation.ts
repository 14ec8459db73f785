/**
 * What a committed change makes stale on the reader site: URL paths (every query-string
 * variant of each, e.g. `?page=2`) and surrogate keys (the names pages give in their
 * `Surrogate-Key` header: `home`, `article:{id}`, `section:{slug}`, `tag:{slug}`…), or
 * everything at once. The same value drives the cache front's bans and the in-app cache.
 */
export type Invalidation = { all: boolean; paths: string[]; keys: string[] };

export const NOTHING: Invalidation = { all: false, paths: [], keys: [] };
export const EVERYTHING: Invalidation = { all: true, paths: [], keys: [] };

/** A path as pages are matched: lower-case (reader URLs are), no query, no trailing slash. */
export function normalisePath(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? "/";
  const trimmed = bare.length > 1 ? bare.replace(/\/+$/, "") : bare;
  return (trimmed || "/").toLowerCase();
}

const PATH = /^\/[A-Za-z0-9._~%/-]{0,400}$/;
const KEY = /^[a-z]+(:[A-Za-z0-9._~%-]{1,200})?$/;

/** Merges several invalidations (a batch of outbox rows) into one. */
export function merge(list: readonly Invalidation[]): Invalidation {
  if (list.some((i) => i.all)) return EVERYTHING;
  return {
    all: false,
    paths: [...new Set(list.flatMap((i) => i.paths))].sort(),
    keys: [...new Set(list.flatMap((i) => i.keys))].sort(),
  };
}

/**
 * Reads an outbox payload or a notification. Anything unreadable invalidates everything:
 * dropping too much costs a few renders, keeping a page too long could show a story that
 * was taken down.
 */
export function parseInvalidation(payload: string): Invalidation {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return EVERYTHING;
  }
  if (!value || typeof value !== "object") return EVERYTHING;
  const v = value as { all?: unknown; paths?: unknown; keys?: unknown; articleId?: unknown };
  if (v.all === true) return EVERYTHING;
  const paths = Array.isArray(v.paths) ? v.paths : [];
  const keys = Array.isArray(v.keys) ? v.keys : [];
  if (
    !paths.every((p) => typeof p === "string" && PATH.test(p)) ||
    !keys.every((k) => typeof k === "string" && KEY.test(k))
  ) {
    return EVERYTHING;
  }
  const all = new Set(keys as string[]);
  // Rows written before keys existed name the story by id: its key covers every page
  // showing it.
  if (
    !Array.isArray(v.keys) &&
    typeof v.articleId === "string" &&
    KEY.test(`article:${v.articleId}`)
  ) {
    all.add(`article:${v.articleId}`);
  }
  return merge([{ all: false, paths: (paths as string[]).map(normalisePath), keys: [...all] }]);
}

export function serialise(invalidation: Invalidation): string {
  return invalidation.all
    ? JSON.stringify({ all: true })
    : JSON.stringify({ paths: invalidation.paths, keys: invalidation.keys });
}

/** The in-app cache's tags for an invalidation: keys as they are, paths as `path:{path}`. */
export function tagsOf(invalidation: Invalidation): string[] {
  return [...invalidation.keys, ...invalidation.paths.map((p) => `path:${p}`)];
}

/** An author's page (name, bio, picture): its path, every `?page=N`, and its key. */
export function authorPageChange(authorSlug: string): Invalidation {
  return {
    all: false,
    paths: [normalisePath(`/authors/${encodeURIComponent(authorSlug)}`)],
    keys: [`author:${authorSlug}`],
  };
}
