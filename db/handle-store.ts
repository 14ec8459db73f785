import type { DatabaseHandle } from "./client";

/**
 * Where the process keeps its one open database handle (see server/db.ts): on globalThis,
 * because Next keeps a module instance per route bundle, and `proxy.ts` is bundled apart
 * from the app altogether but runs in the same process. Type-only import: reading the handle
 * pulls no driver into a bundle.
 */
export const handleStore = globalThis as unknown as {
  __newsroomDb?: DatabaseHandle;
  __newsroomDbOpening?: Promise<DatabaseHandle>;
};
