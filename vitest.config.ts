import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const shared = {
  include: ["test/**/*.test.ts"],
  setupFiles: ["test/support/setup-db.ts"],
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: "forks" as const,
};

/**
 * Integration tests run on a real database: embedded PGlite always, and the PostgreSQL
 * server too when TEST_DATABASE_URL is set (CI sets it). Each test file gets a database
 * of its own, created and migrated from scratch.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "test/support/server-only.ts"),
    },
  },
  test: {
    projects: [
      { extends: true as const, test: { ...shared, name: "pglite", env: { TEST_DB: "pglite" } } },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: { ...shared, name: "postgres", env: { TEST_DB: "postgres" } },
            },
          ]
        : []),
    ],
  },
});
