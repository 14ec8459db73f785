import "server-only";
import { config } from "./config";
import { closeDatabase, openDatabase } from "./db";
import { log } from "./log";

let started = false;

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
  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    try {
      await closeDatabase();
    } finally {
      process.exit(0);
    }
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
