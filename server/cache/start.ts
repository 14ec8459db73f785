import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { DatabaseHandle } from "@/db/client";
import { config } from "../config";
import { log } from "../log";
import { type ChangeListener, listenOnPglite, listenOnPostgres } from "./change-listener";
import { parseInvalidation } from "./invalidation";
import { configureConsumer, kickOutbox, pollOutbox } from "./outbox-consumer";
import { pageCache } from "./process-cache";

/** The safety poll: rows whose kick was lost (a crash right after commit) wait at most this. */
const POLL_MS = 1_000;
/** With several instances, each ban is repeated this long after the first (see the consumer). */
const CONFIRM_BAN_MS = 250;

/**
 * Starts what keeps this instance's caches fresh: the change listener (every instance's
 * commits drop pages here within milliseconds), the outbox consumer's kicks and its poll.
 * The page cache serves nothing until the listener is listening, and is emptied whenever it
 * listens again after a loss (notifications sent meanwhile are gone).
 */
export async function startReaderCaches(handle: DatabaseHandle): Promise<() => Promise<void>> {
  const cfg = config();
  const cache = pageCache();
  configureConsumer({
    confirmAfterMs: handle.kind === "postgres" ? CONFIRM_BAN_MS : 0,
  });
  cache.setLive(false);
  const events = {
    onChange(payload: string) {
      cache.invalidate(parseInvalidation(payload));
      void kickOutbox();
    },
    onListening(reconnected: boolean) {
      cache.setLive(true);
      if (reconnected) log.warn("change listener reconnected: page cache emptied");
      void kickOutbox();
    },
    onLost() {
      cache.setLive(false);
      log.warn("change listener lost its connection: page cache off until it is back");
    },
  };
  const listener: ChangeListener =
    handle.kind === "postgres" && cfg.databaseUrl
      ? await listenOnPostgres(cfg.databaseUrl, events)
      : await listenOnPglite((handle.db as unknown as { $client: PGlite }).$client, events);
  const poll = setInterval(() => void pollOutbox(), POLL_MS);
  poll.unref();
  return async () => {
    clearInterval(poll);
    await listener.stop();
  };
}
