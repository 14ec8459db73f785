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
    const times = new Map<string, number[]>();
    // Interleaved, so a slow spell on a shared machine hits every case alike.
    for (let i = 0; i < TRIES; i++) {
      for (const [name, email, password] of cases()) {
        const started = performance.now();
        const outcome = await attemptSignIn(await db(), limiter, {
          email,
          password,
          ip: `192.0.2.${i % 250}`,
        });
        const elapsed = performance.now() - started;
        expect(outcome.ok).toBe(false);
        times.set(name, [...(times.get(name) ?? []), elapsed]);
      }
    }
    const medians = [...times.values()].map(median);
    const gap = (Math.max(...medians) - Math.min(...medians)) / Math.max(...medians);
    expect(
      gap,
      `medians ms: ${[...times.keys()].map((k, i) => `${k} ${medians[i]!.toFixed(1)}`).join(", ")}`,
    ).toBeLessThan(0.2);
  });
});
