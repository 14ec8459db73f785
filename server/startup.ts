import "server-only";
import { publishDueStories } from "./articles/scheduler";
import { installHitAnswerer } from "./cache/hits";
import { pageCache } from "./cache/process-cache";
import { startReaderCaches } from "./cache/start";
import { config } from "./config";
import { closeDatabase, openDatabase } from "./db";
import { log } from "./log";

let started = false;
/** How often this instance looks for stories whose scheduled time has come. */
const SCHEDULER_INTERVAL_MS = 5_000;

export async function startServer(): Promise<void> {
  if (started) return;
  started = true;
  const cfg = config();
  const handle = await openDatabase();
  log.info(
    {
      database: handle.kind,
      dataDir: cfg.databaseUrl ? undefined : cfg.dataDir,
      siteUrl: cfg.siteUrl,
    },
    "newsroom ready",
  );
  const stopCaches = await startReaderCaches(handle);
  // scripts/serve.mjs answers page-cache hits before Next routes the request (hits.ts).
  installHitAnswerer(pageCache());
  const timer = setInterval(() => {
    publishDueStories().then(
      (n) => n > 0 && log.info({ published: n }, "scheduled stories published"),
      (error) => log.error({ err: error }, "scheduled publishing failed"),
    );
  }, SCHEDULER_INTERVAL_MS);
  timer.unref();
  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    try {
      await stopCaches().catch(() => {});
      await closeDatabase();
    } finally {
      process.exit(0);
    }
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
