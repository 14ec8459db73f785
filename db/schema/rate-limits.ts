import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Fixed-window counters shared by every app instance (sign-in attempts, comment posting).
 * Incremented with one atomic upsert, so they hold under concurrent requests.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull().default(0),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull().defaultNow(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});

/**
 * Sign-in and two-factor counters, in the shape rate-limiter-flexible's Drizzle store
 * expects (`RateLimiterDrizzle`): one atomic upsert per attempt, expiry set by the app clock.
 */
export const authRateLimits = pgTable("auth_rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true }),
});
