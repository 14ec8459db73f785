import crypto from "node:crypto";
import argon2 from "argon2";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { attemptSignIn } from "@/server/auth/attempt-sign-in";
import { createSignInLimiter, type SignInLimiter } from "@/server/auth/sign-in-limits";
import { db } from "@/server/db";
import { deactivate, makeUser, type TestUser } from "../support/fixtures";
import { dbKind } from "../support/setup-db";

// A thousand refused attempts would log a thousand warnings.
vi.hoisted(() => {
  process.env.LOG_LEVEL = "error";
});

/**
 * THREATS 22–23: 10 consecutive failures per account and address block that pair; 100
 * attempts a day per address; a success resets the account's count; the counters are atomic,
 * so a burst of 1,000 parallel attempts lets exactly the allowed number reach argon2.
 * Run on the database (PGlite and PostgreSQL) and on Redis when TEST_REDIS_URL is set.
 * Tests of the sequence itself use smaller limits (`SMALL`) to spend fewer argon2 runs.
 */

const PASSWORD = "correct horse battery"; // what makeUser sets
const RULES = { maxFailures: 10, ipPerDay: 100, blockSeconds: 3600 };
const SMALL = { maxFailures: 3, ipPerDay: 20, blockSeconds: 3600 };
const redisUrl = process.env.TEST_REDIS_URL;
const namespace = `t${crypto.randomBytes(4).toString("hex")}:`;

let redis: Redis | null = null;
let user: TestUser;

beforeAll(async () => {
  user = await makeUser("editor");
  if (redisUrl) redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${namespace}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

/** A fresh address per test keeps each test's counters apart. */
const freshIp = () => `198.51.100.${crypto.randomInt(1, 255)}-${crypto.randomUUID().slice(0, 8)}`;

const stores = [
  ["database", () => null] as const,
  // Redis is the same server for both database projects: once is enough.
  ...(redisUrl && dbKind === "pglite" ? ([["redis", () => redis]] as const) : []),
];

describe.each(stores)("sign-in limits in the %s", (_, currentRedis) => {
  let limiter: SignInLimiter;
  let small: SignInLimiter;
  beforeAll(async () => {
    const store = { database: await db(), redis: currentRedis(), namespace };
    limiter = createSignInLimiter(store, RULES);
    small = createSignInLimiter({ ...store, namespace: `${namespace}small:` }, SMALL);
  });

  const attempt = async (email: string, password: string, ip: string, using = limiter) =>
    attemptSignIn(await db(), using, { email, password, ip });

  it("blocks an account+address after 10 consecutive failures, and then refuses even the correct password (429 reason)", async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      expect(await attempt(user.email, `wrong ${i}`, ip)).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await attempt(user.email, PASSWORD, ip);
    expect(blocked).toMatchObject({ ok: false, reason: "blocked" });
    expect(
      blocked.ok === false && blocked.reason === "blocked" && blocked.retryAfterSeconds,
    ).toBeGreaterThan(3000);
    // Another address is not blocked for the same account.
    expect((await attempt(user.email, PASSWORD, freshIp())).ok).toBe(true);
  });

  it("resets the count on a successful sign-in", async () => {
    const ip = freshIp();
    for (let i = 0; i < 2; i++) await attempt(user.email, "wrong", ip, small);
    expect((await attempt(user.email, PASSWORD, ip, small)).ok).toBe(true);
    for (let i = 0; i < 2; i++) {
      expect(await attempt(user.email, "wrong", ip, small)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect((await attempt(user.email, PASSWORD, ip, small)).ok).toBe(true);
    expect(await attempt(user.email, "wrong", ip, small)).toEqual({ ok: false, reason: "invalid" });
  });

  it("blocks an unknown email exactly like a real one (a block reveals nothing)", async () => {
    const ip = freshIp();
    const unknown = `nobody-${crypto.randomUUID().slice(0, 8)}@test.example`;
    const inactive = await makeUser("reporter");
    await deactivate(inactive);
    const outcomes = [];
    for (const email of [unknown, user.email, inactive.email]) {
      for (let i = 0; i < SMALL.maxFailures; i++) {
        expect(await attempt(email, "wrong", ip, small)).toEqual({ ok: false, reason: "invalid" });
      }
      const blocked = await attempt(email, "wrong", ip, small);
      outcomes.push(blocked.ok ? "signed in" : blocked.reason);
    }
    expect(outcomes).toEqual(["blocked", "blocked", "blocked"]);
  });

  it("allows a day's attempts per address across accounts (20 here, 100 by default); successes are given back", async () => {
    const ip = freshIp();
    expect((await attempt(user.email, PASSWORD, ip, small)).ok).toBe(true);
    for (let i = 0; i < SMALL.ipPerDay; i++) {
      const outcome = await attempt(`spray-${i}@test.example`, "wrong", ip, small);
      expect(outcome).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await attempt(user.email, PASSWORD, ip, small)).toMatchObject({
      ok: false,
      reason: "blocked",
    });
  });

  it("lets exactly 10 of 1,000 parallel attempts on one account reach password verification", async () => {
    const ip = freshIp();
    const verify = vi.spyOn(argon2, "verify");
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 1000 }, () => attempt(user.email, "wrong", ip)),
      );
      expect(verify).toHaveBeenCalledTimes(10);
      expect(outcomes.filter((o) => !o.ok && o.reason === "invalid")).toHaveLength(10);
      expect(outcomes.filter((o) => !o.ok && o.reason === "blocked")).toHaveLength(990);
    } finally {
      verify.mockRestore();
    }
  });

  it("lets exactly a day's allowance (20 here) of 1,000 parallel attempts over 500 accounts from one address through (credential stuffing)", async () => {
    const ip = freshIp();
    const verify = vi.spyOn(argon2, "verify");
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          attempt(`stuffed-${i % 500}@test.example`, "x", ip, small),
        ),
      );
      expect(verify).toHaveBeenCalledTimes(SMALL.ipPerDay);
      expect(outcomes.filter((o) => !o.ok && o.reason === "blocked")).toHaveLength(
        1000 - SMALL.ipPerDay,
      );
    } finally {
      verify.mockRestore();
    }
  });
});
