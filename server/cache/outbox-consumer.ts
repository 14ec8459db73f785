import "server-only";
import { and, asc, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { outbox } from "@/db/schema";
import { config } from "../config";
import { db } from "../db";
import { log } from "../log";
import { purgeFronts } from "./front-purge";
import { type Invalidation, merge, parseInvalidation } from "./invalidation";
import { pageCache } from "./process-cache";

/** Outbox topics that change what readers see (written by server/cache/record-change.ts). */
export const READER_TOPICS = ["story.changed", "site.changed"] as const;

export type ConsumerOptions = {
  database?: Database;
  /** Cache fronts to ban at; default EDGE_PURGE_URL. */
  fronts?: readonly string[];
  token?: string | null;
  /** Rows claimed per transaction. */
  batch?: number;
  /**
   * Sends each ban a second time after this delay. With several instances, a front that
   * refetches a page in the few milliseconds before another instance has applied the
   * notification would keep that instance's old copy; the second ban drops it.
   */
  confirmAfterMs?: number;
  /** Called with what was banned (tests, logs). */
  onBanned?: (invalidation: Invalidation) => void;
};

/**
 * Processes pending reader-change rows of the outbox: claims a batch with
 * `FOR UPDATE SKIP LOCKED` (so several instances never take the same row), drops the pages
 * from this instance's cache, bans them at every front, and marks the rows processed, all in
 * one transaction. If a front does not confirm, the transaction rolls back and the rows stay
 * pending for the next attempt; a row is marked only once (`processed_at is null` is
 * re-checked under the lock). Returns how many rows were processed.
 */
export async function processOutbox(options: ConsumerOptions = {}): Promise<number> {
  const database = options.database ?? (await db());
  const cfg = config();
  const fronts = options.fronts ?? cfg.edgePurgeUrls;
  const token = options.token === undefined ? cfg.edgePurgeToken : options.token;
  let total = 0;
  for (;;) {
    const done = await database.transaction(async (tx) => {
      const rows = await tx
        .select({ id: outbox.id, payload: outbox.payload, topic: outbox.topic })
        .from(outbox)
        .where(and(isNull(outbox.processedAt), inArray(outbox.topic, [...READER_TOPICS])))
        .orderBy(asc(outbox.createdAt))
        .limit(options.batch ?? 100)
        .for("update", { skipLocked: true });
      if (rows.length === 0) return null;
      const invalidation = merge(rows.map((r) => parseInvalidation(r.payload)));
      // This instance first, so that a front refetching right after its ban gets the new page.
      pageCache().invalidate(invalidation);
      await purgeFronts(fronts, invalidation, { token });
      await tx
        .update(outbox)
        .set({ processedAt: sql`now()` })
        .where(
          inArray(
            outbox.id,
            rows.map((r) => r.id),
          ),
        );
      return { count: rows.length, invalidation };
    });
    if (!done) return total;
    total += done.count;
    options.onBanned?.(done.invalidation);
    const delay = options.confirmAfterMs ?? 0;
    if (delay > 0 && fronts.length > 0) {
      setTimeout(() => {
        purgeFronts(fronts, done.invalidation, { token }).catch((error) =>
          log.warn({ err: error }, "second ban failed (the first one succeeded)"),
        );
      }, delay).unref();
    }
  }
}

type ConsumerState = {
  tail: Promise<void>;
  queued: Promise<void> | null;
  failures: number;
  retryAt: number;
  /** Null until the server starts the consumer: a script's commands leave rows to the server. */
  options: ConsumerOptions | null;
};

const store = globalThis as unknown as { __newsroomOutboxConsumer?: ConsumerState };

function state(): ConsumerState {
  store.__newsroomOutboxConsumer ??= {
    tail: Promise.resolve(),
    queued: null,
    failures: 0,
    retryAt: 0,
    options: null,
  };
  return store.__newsroomOutboxConsumer;
}

/**
 * Turns on this process's consumer (the server, at start-up; tests), or off with null. A
 * process that never does (a CLI script) leaves its rows to the running server, which is the
 * one that knows the fronts.
 */
export function configureConsumer(options: ConsumerOptions | null): void {
  state().options = options;
}

/**
 * Runs the consumer now, one run at a time per process. A kick while a run is in progress
 * queues one more run (the running one may have looked before the caller's row committed);
 * kicks while that one waits share it. Resolves when the run that covers the caller is over;
 * never rejects (failures are logged and retried with backoff by `pollOutbox`).
 */
export function kickOutbox(): Promise<void> {
  const s = state();
  if (!s.options) return Promise.resolve();
  if (s.queued) return s.queued;
  const run = s.tail.then(async () => {
    s.queued = null;
    if (!s.options) return;
    try {
      await processOutbox(s.options);
      s.failures = 0;
      s.retryAt = 0;
    } catch (error) {
      s.failures++;
      s.retryAt = Date.now() + Math.min(30_000, 500 * 2 ** Math.min(s.failures, 6));
      log.error({ err: error, failures: s.failures }, "outbox: reader change not applied yet");
    }
  });
  s.queued = run;
  s.tail = run;
  return run;
}

/** The safety poll: catches rows whose kick was lost, retrying failures after a backoff. */
export function pollOutbox(): Promise<void> {
  const s = state();
  if (Date.now() < s.retryAt) return Promise.resolve();
  return kickOutbox();
}
