import { type Invalidation, tagsOf } from "./invalidation";

/**
 * Rendered public responses kept in this process's memory, by URL, each with the tags it
 * may be dropped by (its surrogate keys and `path:{path}`), an expiry (the response's own
 * s-maxage) and an LRU bound in bytes.
 *
 * The race it must not lose: a render reads the old story, the story is unpublished and
 * its pages invalidated, then that render finishes and would store the old page again.
 * Every render therefore takes a ticket (the invalidation sequence number) before it reads
 * anything, and its result is stored only if no invalidation touching any of its tags (and
 * no wipe) has happened since. Recent invalidations are remembered for a while for that
 * check; a render older than that memory is simply not stored.
 */
export type CachedPage = {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  /**
   * The body gzipped, made on the page's first hit that accepts gzip (server/cache/hits.ts);
   * null when the page is not worth compressing, undefined until then.
   */
  gzip?: Uint8Array<ArrayBuffer> | null;
  tags: string[];
  expiresAt: number;
};

type Entry = CachedPage & { key: string; size: number };
type Recorded = { seq: number; at: number; tags: Set<string> | "all" };
type Fill = { ticket: number; page: Promise<CachedPage | null> };

/** How long invalidations are remembered for the race check (renders slower than this are not stored). */
const REMEMBER_MS = 60_000;
const REMEMBER_MAX = 5_000;
/** Rough per-entry overhead beyond the body, so thousands of tiny 404s still count. */
const ENTRY_OVERHEAD = 512;

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private bytes = 0;
  private seq = 0;
  private recent: Recorded[] = [];
  private readonly filling = new Map<string, Fill>();
  /** Off while invalidations might be missed (the change listener is disconnected). */
  private live = true;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  get enabled(): boolean {
    return this.live && this.maxBytes > 0;
  }

  /** Taken before a render reads anything; handed back to `put`. */
  ticket(): number {
    return this.seq;
  }

  get(key: string): CachedPage | null {
    if (!this.enabled) return null;
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.now()) {
      this.remove(key);
      return null;
    }
    // Most recently used goes to the end of the Map's order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Stores a render unless something it shows was invalidated after its ticket. */
  put(key: string, page: CachedPage, ticket: number): boolean {
    if (!this.enabled || this.invalidatedSince(ticket, page.tags)) return false;
    const size = page.body.byteLength + (page.gzip?.byteLength ?? 0) + ENTRY_OVERHEAD;
    if (size > this.maxBytes / 8) return false;
    this.remove(key);
    const entry: Entry = { ...page, key, size };
    this.entries.set(key, entry);
    this.bytes += size;
    for (const tag of page.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.byTag.set(tag, keys);
      }
      keys.add(key);
    }
    this.evict();
    return true;
  }

  /** Least recently used first, until the cache is within its budget. */
  private evict() {
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  /**
   * One render for every concurrent request of a URL: when a cached page expires under load,
   * the requests that miss together wait for the first one's render instead of each
   * rendering it (the periodic stampede). `settled` resolves to the stored page, or null when
   * the render was not shareable (then each waiter renders for itself).
   */
  beginFill(key: string, ticket: number, settled: Promise<CachedPage | null>): void {
    const fill = { ticket, page: settled };
    this.filling.set(key, fill);
    void settled.finally(() => {
      if (this.filling.get(key) === fill) this.filling.delete(key);
    });
  }

  /**
   * The render of `key` under way that a request arriving now may share, if any: only while
   * nothing at all has been invalidated since that render took its ticket, so a request that
   * arrives after a change (an unpublication) never gets a page read before it.
   */
  pendingFill(key: string): Promise<CachedPage | null> | null {
    if (!this.enabled) return null;
    const fill = this.filling.get(key);
    return fill && fill.ticket === this.seq ? fill.page : null;
  }

  /** Keeps a stored page's gzipped body beside it, counted in the cache's byte budget. */
  attachGzip(page: CachedPage, gzip: Uint8Array<ArrayBuffer> | null): void {
    if (page.gzip !== undefined) return;
    page.gzip = gzip;
    const entry = page as Entry;
    if (!gzip || this.entries.get(entry.key) !== entry) return;
    entry.size += gzip.byteLength;
    this.bytes += gzip.byteLength;
    this.evict();
  }

  invalidate(invalidation: Invalidation): number {
    if (invalidation.all) return this.clear();
    const tags = tagsOf(invalidation);
    this.record(new Set(tags));
    let dropped = 0;
    for (const tag of tags) {
      for (const key of this.byTag.get(tag) ?? []) {
        this.remove(key);
        dropped++;
      }
    }
    return dropped;
  }

  /** Drops everything, and every render in flight is not stored. */
  clear(): number {
    const dropped = this.entries.size;
    this.entries.clear();
    this.byTag.clear();
    this.bytes = 0;
    this.record("all");
    return dropped;
  }

  /** While off (invalidations may be missed) nothing is served or stored; on again starts empty. */
  setLive(live: boolean): void {
    this.clear();
    this.live = live;
  }

  private record(tags: Set<string> | "all") {
    this.seq++;
    const at = this.now();
    this.recent.push({ seq: this.seq, at, tags });
    const cut = this.recent.findIndex((r) => at - r.at < REMEMBER_MS);
    const keepFrom = Math.max(
      cut === -1 ? this.recent.length : cut,
      this.recent.length - REMEMBER_MAX,
    );
    if (keepFrom > 0) this.recent = this.recent.slice(keepFrom);
  }

  private invalidatedSince(ticket: number, tags: readonly string[]): boolean {
    if (ticket === this.seq) return false;
    // Invalidations after the ticket were forgotten: cannot prove the render is current.
    const first = this.recent[0];
    if (!first || first.seq > ticket + 1) return true;
    for (const r of this.recent) {
      if (r.seq <= ticket) continue;
      if (r.tags === "all" || tags.some((t) => (r.tags as Set<string>).has(t))) return true;
    }
    return false;
  }

  private remove(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}
