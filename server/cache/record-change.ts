import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { outbox } from "@/db/schema";
import { log } from "../log";
import { EVERYTHING, type Invalidation, merge, serialise } from "./invalidation";
import { kickOutbox } from "./outbox-consumer";
import { pageCache } from "./process-cache";

/** The PostgreSQL channel on which every instance hears what pages a commit made stale. */
export const CHANGES_CHANNEL = "newsroom_reader_changes";
/** NOTIFY payloads must stay under 8000 bytes; a bigger change is sent as "everything". */
const MAX_NOTIFY_BYTES = 7_000;

const committed = new AsyncLocalStorage<Invalidation[]>();

/**
 * Records, inside the transaction that makes it, a change to what readers see: an outbox row
 * for the cache-front consumer and a NOTIFY that PostgreSQL delivers to every instance only
 * if and when the transaction commits (both vanish on rollback).
 */
export async function recordReaderChange(
  tx: Executor,
  invalidation: Invalidation,
  detail: { articleId?: string } = {},
): Promise<void> {
  const topic = invalidation.all ? "site.changed" : "story.changed";
  const payload = invalidation.all
    ? serialise(EVERYTHING)
    : JSON.stringify({ ...detail, paths: invalidation.paths, keys: invalidation.keys });
  await tx.insert(outbox).values({ topic, payload });
  const message = serialise(invalidation);
  await tx.execute(
    sql`select pg_notify(${CHANGES_CHANNEL}, ${
      Buffer.byteLength(message) > MAX_NOTIFY_BYTES ? serialise(EVERYTHING) : message
    })`,
  );
  committed.getStore()?.push(invalidation);
}

/**
 * Runs a unit of work that commits a transaction (a command) and, once it has committed,
 * applies the reader changes it recorded before returning: this instance's cache at once,
 * then the fronts' bans (the consumer). So when an editor's click returns, readers already
 * get the new version, or the 410, from every cache. The commit stands whatever happens here;
 * a failed ban is retried by the consumer's poll.
 */
export async function applyingReaderChanges<T>(work: () => Promise<T>): Promise<T> {
  const recorded: Invalidation[] = [];
  const result = await committed.run(recorded, work);
  if (recorded.length > 0) {
    try {
      pageCache().invalidate(merge(recorded));
    } catch (error) {
      log.error({ err: error }, "could not drop changed pages from the page cache");
    }
    await kickOutbox();
  }
  return result;
}
