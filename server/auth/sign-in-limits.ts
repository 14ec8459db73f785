import "server-only";
import crypto from "node:crypto";
import Redis from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterDrizzle,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import type { Database } from "@/db/client";
import { authRateLimits } from "@/db/schema";
import { config } from "../config";
import { db } from "../db";
import { log } from "../log";

export type SignInRules = {
  /** Consecutive failures allowed per account and address before a block. */
  maxFailures: number;
  /** Attempts allowed per address per day (successes are given back). */
  ipPerDay: number;
  blockSeconds: number;
};

export type Reservation = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Brute-force and credential-stuffing limits for sign-in (THREATS 22–23), after
 * rate-limiter-flexible's "login endpoint protection" recipe, with one change: an attempt
 * reserves its point *before* the password is checked, so under any concurrency exactly the
 * allowed number of attempts reach argon2 (checking first and counting failures afterwards
 * lets a parallel burst through, as in Ghost #10422).
 *
 * Keys never depend on whether the account exists: an unknown email is counted and blocked
 * exactly like a real one, so a block reveals nothing.
 */
export type SignInLimiter = {
  reserve(email: string, ip: string): Promise<Reservation>;
  /** A correct password: the account's failure count starts again; the day's IP point is given back. */
  succeeded(email: string, ip: string): Promise<void>;
  /** A limiter for second-factor codes per user (tighter: codes are short). */
  reserveCode(userId: string): Promise<Reservation>;
  codeSucceeded(userId: string): Promise<void>;
};

export type LimiterStore = {
  database: Database;
  redis?: Redis | null;
  /** Prefix for every key (tests keep their counters apart with it). */
  namespace?: string;
};

const DAY_S = 24 * 60 * 60;
const CODE_FAILURES = 5;
const CODE_BLOCK_S = 15 * 60;

function limiter(
  store: LimiterStore,
  opts: { keyPrefix: string; points: number; duration: number; blockDuration?: number },
): RateLimiterAbstract {
  opts = { ...opts, keyPrefix: `${store.namespace ?? ""}${opts.keyPrefix}` };
  const inDatabase = new RateLimiterDrizzle({
    ...opts,
    storeClient: store.database,
    schema: authRateLimits,
  });
  if (!store.redis) return inDatabase;
  // Redis is the shared store when configured; if it is unreachable the database takes over
  // rather than letting attempts through unlimited.
  return new RateLimiterRedis({
    ...opts,
    storeClient: store.redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: inDatabase,
  });
}

/** The account part of a key: a hash, so counters hold no email addresses. */
function accountKey(email: string, ip: string): string {
  const normalised = email.trim().toLowerCase();
  const digest = crypto.createHash("sha256").update(normalised).digest("base64url").slice(0, 32);
  return `${digest}:${ip}`;
}

async function take(l: RateLimiterAbstract, key: string): Promise<Reservation> {
  try {
    await l.consume(key);
    return { allowed: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
      };
    }
    throw error;
  }
}

export function createSignInLimiter(store: LimiterStore, rules: SignInRules): SignInLimiter {
  const byAccount = limiter(store, {
    keyPrefix: "signin-account",
    points: rules.maxFailures,
    // Failures stay "consecutive" for up to a day unless a success resets them.
    duration: DAY_S,
    blockDuration: rules.blockSeconds,
  });
  const byIp = limiter(store, { keyPrefix: "signin-ip", points: rules.ipPerDay, duration: DAY_S });
  const byCodeUser = limiter(store, {
    keyPrefix: "signin-code",
    points: CODE_FAILURES,
    duration: CODE_BLOCK_S,
    blockDuration: CODE_BLOCK_S,
  });
  return {
    async reserve(email, ip) {
      const account = await take(byAccount, accountKey(email, ip));
      if (!account.allowed) return account;
      return take(byIp, ip);
    },
    async succeeded(email, ip) {
      await byAccount.delete(accountKey(email, ip));
      await byIp.reward(ip, 1);
    },
    reserveCode: (userId) => take(byCodeUser, userId),
    async codeSucceeded(userId) {
      await byCodeUser.delete(userId);
    },
  };
}

const holder = globalThis as unknown as { __signInLimiter?: Promise<SignInLimiter> };

/** The process-wide limiter, on Redis when REDIS_URL is set, else on the database. */
export function signInLimiter(): Promise<SignInLimiter> {
  holder.__signInLimiter ??= (async () => {
    const cfg = config();
    const redis = cfg.redisUrl
      ? new Redis(cfg.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
      : null;
    // During a Redis outage the insurance limiter (the database) counts instead.
    redis?.on("error", (error) => log.warn({ err: error.message }, "redis unavailable"));
    return createSignInLimiter({ database: await db(), redis }, cfg.signIn);
  })();
  return holder.__signInLimiter;
}
