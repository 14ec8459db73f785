import "server-only";
import { config } from "../config";
import { PageCache } from "./page-cache";

const store = globalThis as unknown as { __newsroomPageCache?: PageCache };

/**
 * This process's cache of rendered public pages. On globalThis because Next keeps a module
 * instance per route bundle, and every route, the change listener and the outbox consumer
 * must share one.
 */
export function pageCache(): PageCache {
  store.__newsroomPageCache ??= new PageCache(config().pageCacheBytes);
  return store.__newsroomPageCache;
}
