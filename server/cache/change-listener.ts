import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { log } from "../log";
import { CHANGES_CHANNEL } from "./record-change";

export type ChangeListenerEvents = {
  /** A committed change's invalidation (the NOTIFY payload). */
  onChange: (payload: string) => void;
  /** Listening (again): notifications from before this moment may have been missed. */
  onListening: (reconnected: boolean) => void;
  /** Lost the connection: until onListening, changes go unheard. */
  onLost: () => void;
};

export type ChangeListener = { stop(): Promise<void> };

/** How often a live listener proves its connection; how soon a lost one tries again. */
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 3_000;
const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5_000;

/**
 * Hears every instance's commits on PostgreSQL (`LISTEN`), on a connection of its own.
 * postgres.js re-listens after a drop only once and gives up silently if the server is still
 * down, so this keeps its own loop: a heartbeat query proves the connection (a dead peer
 * that sent no FIN is noticed within seconds), a drop calls onLost, and reconnect attempts
 * back off until one succeeds and calls onListening(true).
 */
export async function listenOnPostgres(
  url: string,
  events: ChangeListenerEvents,
): Promise<ChangeListener> {
  let stopped = false;
  let client: postgres.Sql | null = null;
  let timer: NodeJS.Timeout | null = null;
  let delay = RETRY_MIN_MS;
  let everListened = false;

  function open(): postgres.Sql {
    const connection: postgres.Sql = postgres(url, {
      max: 1,
      idle_timeout: 0,
      max_lifetime: null,
      connect_timeout: 3,
      fetch_types: false,
      onnotice: () => {},
      connection: { application_name: "newsroom-cache-listener" },
      onnotify: (channel: string, payload: string) => {
        if (channel === CHANGES_CHANNEL && client === connection) events.onChange(payload);
      },
      onclose: () => {
        if (client === connection) lost();
      },
    } as postgres.Options<Record<string, never>>);
    return connection;
  }

  /** Drops the current connection (if any) and reports the loss once. */
  function lost() {
    const was = client;
    client = null;
    was?.end({ timeout: 0 }).catch(() => {});
    if (stopped || !was) return;
    events.onLost();
    schedule(RETRY_MIN_MS);
  }

  function schedule(ms: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  }

  async function tick() {
    timer = null;
    if (stopped) return;
    if (client) {
      try {
        await Promise.race([
          client`select 1`,
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error("heartbeat timeout")), HEARTBEAT_TIMEOUT_MS).unref(),
          ),
        ]);
        schedule(HEARTBEAT_MS);
      } catch {
        lost();
      }
      return;
    }
    const connection = open();
    try {
      await connection.unsafe(`listen "${CHANGES_CHANNEL}"`);
      if (stopped) {
        await connection.end({ timeout: 0 });
        return;
      }
      client = connection;
      delay = RETRY_MIN_MS;
      events.onListening(everListened);
      everListened = true;
      schedule(HEARTBEAT_MS);
    } catch (error) {
      connection.end({ timeout: 0 }).catch(() => {});
      log.warn({ err: error }, "change listener: cannot listen yet, retrying");
      delay = Math.min(RETRY_MAX_MS, delay * 2);
      schedule(delay);
    }
  }

  await tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const was = client;
      client = null;
      await was?.end({ timeout: 1 });
    },
  };
}

/** The embedded database runs in this process only: its notifications cannot be lost. */
export async function listenOnPglite(
  client: PGlite,
  events: ChangeListenerEvents,
): Promise<ChangeListener> {
  const unlisten = await client.listen(CHANGES_CHANNEL, events.onChange);
  events.onListening(false);
  return { stop: () => unlisten() };
}
