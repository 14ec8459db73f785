import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { attemptSignIn } from "@/server/auth/attempt-sign-in";
import { createSignInLimiter, type SignInLimiter } from "@/server/auth/sign-in-limits";
import { db } from "@/server/db";
import { deactivate, makeUser, type TestUser } from "../support/fixtures";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "error";
});

/**
 * THREATS 24: no user enumeration. An unknown email, a wrong password and a deactivated
 * account get the same answer, and take the same time (an unknown email still costs one
 * argon2 verification against a dummy hash).
 */

const PASSWORD = "correct horse battery"; // what makeUser sets
const TRIES = 50;

let live: TestUser;
let inactive: TestUser;
let limiter: SignInLimiter;

beforeAll(async () => {
  live = await makeUser("editor");
  inactive = await makeUser("reporter");
  await deactivate(inactive);
  // Limits high enough that no attempt here is blocked: this measures the password step.
  limiter = createSignInLimiter(
    { database: await db(), namespace: `enum${crypto.randomBytes(4).toString("hex")}:` },
    { maxFailures: 10_000, ipPerDay: 10_000, blockSeconds: 60 },
  );
});

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return (
    (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2
  );
};

describe("sign-in failures", () => {
  const cases = () =>
    [
      ["unknown email", `nobody-${crypto.randomUUID().slice(0, 8)}@test.example`, PASSWORD],
      ["wrong password", live.email, "not the password at all"],
      ["deactivated account", inactive.email, PASSWORD],
    ] as const;

  it("answer an unknown email, a wrong password and a deactivated account identically", async () => {
    const outcomes = [];
    for (const [, email, password] of cases()) {
      outcomes.push(await attemptSignIn(await db(), limiter, { email, password, ip: "192.0.2.1" }));
    }
    expect(outcomes).toEqual([
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
    ]);
  });

  it("take the same time: medians of 50 tries each within 20% of each other", async () => {
    const names = cases().map(([name]) => name);
    const times = new Map<string, number[]>(names.map((name) => [name, []]));
    const relative = new Map<string, number[]>(names.map((name) => [name, []]));
    for (let i = 0; i < TRIES; i++) {
      // Interleaved, and in a rotating order, so a slow spell on a shared machine or being
      // first in a round hits every case alike.
      const round = cases();
      const ordered = [...round.slice(i % 3), ...round.slice(0, i % 3)];
      const spent = new Map<string, number>();
      for (const [name, email, password] of ordered) {
        const started = performance.now();
        const outcome = await attemptSignIn(await db(), limiter, {
          email,
          password,
          ip: `192.0.2.${i % 250}`,
        });
        spent.set(name, performance.now() - started);
        expect(outcome.ok).toBe(false);
      }
      const roundMean = [...spent.values()].reduce((a, b) => a + b, 0) / spent.size;
      for (const [name, ms] of spent) {
        times.get(name)!.push(ms);
        relative.get(name)!.push(ms / roundMean);
      }
    }
    // Each case's time relative to the others in the same round, then the median over rounds:
    // a missing dummy hash makes an unknown email take a fraction of the others' time.
    const medians = names.map((name) => median(relative.get(name)!));
    const gap = (Math.max(...medians) - Math.min(...medians)) / Math.max(...medians);
    expect(
      gap,
      `median ms: ${names.map((name) => `${name} ${median(times.get(name)!).toFixed(1)}`).join(", ")}`,
    ).toBeLessThan(0.2);
  });
});
