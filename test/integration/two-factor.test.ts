import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { recoveryCodes, settings, users } from "@/db/schema";
import { loadActor } from "@/server/auth/actor";
import { attemptSignIn } from "@/server/auth/attempt-sign-in";
import { createSignInLimiter, type SignInLimiter } from "@/server/auth/sign-in-limits";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { setTwoFactorRequired } from "@/server/users/commands/set-two-factor-required";
import {
  beginTwoFactor,
  confirmTwoFactor,
  disableTwoFactor,
} from "@/server/users/commands/two-factor";
import { updateProfile } from "@/server/users/commands/update-profile";
import { makeUser, ok, type TestUser } from "../support/fixtures";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "error";
});

/**
 * Optional TOTP for staff (issue 6, sign-in): enrol with a secret, confirm with a code, then
 * sign-in asks for one; a code is accepted once only; recovery codes are single use; code
 * guessing is rate-limited; the seed is encrypted at rest; an admin can require it for all.
 */

const PASSWORD = "correct horse battery"; // what makeUser sets
let admin: TestUser;
let limiter: SignInLimiter;
// Near the real time: timers elsewhere (drivers, limiter housekeeping) keep using the real clock.
let clock = Date.now();

beforeAll(async () => {
  admin = await makeUser("admin");
  limiter = createSignInLimiter(
    { database: await db(), namespace: `tf${crypto.randomBytes(4).toString("hex")}:` },
    { maxFailures: 1000, ipPerDay: 10_000, blockSeconds: 60 },
  );
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(clock);
});
afterEach(async () => {
  vi.useRealTimers();
  await (await db()).delete(settings).where(eq(settings.key, "two_factor_required"));
});

/** Moves the clock on by one 30-second step (codes are single use per step). */
function nextStep() {
  clock += 30_000;
  vi.setSystemTime(clock);
}

const codeFor = (secret: string) =>
  OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });

function refused<T>(result: Result<T>) {
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

async function enrolled(user: TestUser) {
  const { secret } = ok(await beginTwoFactor.execute(user.claims, {}));
  nextStep();
  const { recoveryCodes: codes } = ok(
    await confirmTwoFactor.execute(user.claims, { code: codeFor(secret) }),
  );
  nextStep();
  return { secret, codes };
}

const signIn = async (user: TestUser, code?: string, ip = "203.0.113.5") =>
  attemptSignIn(await db(), limiter, { email: user.email, password: PASSWORD, code, ip });

describe("enrolment", () => {
  it("needs a right code to turn on, and gives 10 recovery codes once", async () => {
    const user = await makeUser("reporter");
    const { secret, qrSvg, uri } = ok(await beginTwoFactor.execute(user.claims, {}));
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(qrSvg).toMatch(/^<svg[^>]*>/);

    const wrong = refused(await confirmTwoFactor.execute(user.claims, { code: "000000" }));
    expect(wrong.fields?.code).toBe("Invalid authentication code");
    const [pending] = await (await db()).select().from(users).where(eq(users.id, user.id));
    expect(pending!.totpEnabledAt).toBeNull();
    // Until confirmed, signing in needs no code.
    expect((await signIn(user)).ok).toBe(true);

    const { recoveryCodes: codes } = ok(
      await confirmTwoFactor.execute(user.claims, { code: codeFor(secret) }),
    );
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await (await db())
      .select()
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(codes).not.toContain(row.codeHash);
    // Already on: starting again is refused (turn it off first).
    expect(refused(await beginTwoFactor.execute(user.claims, {})).code).toBe("conflict");
  });

  it("stores the seed encrypted (AES-GCM under a key derived from AUTH_SECRET); a tampered seed fails closed", async () => {
    const user = await makeUser("editor");
    const { secret } = await enrolled(user);
    const [row] = await (await db()).select().from(users).where(eq(users.id, user.id));
    expect(row!.totpSecret).toMatch(/^v1\./);
    expect(row!.totpSecret).not.toContain(secret);
    expect(Buffer.from(row!.totpSecret!.slice(3), "base64url").toString("latin1")).not.toContain(
      secret,
    );
    const sealed = row!.totpSecret!;
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === "A" ? "B" : "A"}${sealed.at(-1)}`;
    await (await db()).update(users).set({ totpSecret: flipped }).where(eq(users.id, user.id));
    expect(await signIn(user, codeFor(secret))).toEqual({ ok: false, reason: "code_invalid" });
  });
});

describe("signing in with two-factor", () => {
  it("asks for a code after the right password, and only then", async () => {
    const user = await makeUser("editor");
    const { secret } = await enrolled(user);
    expect(await signIn(user)).toEqual({ ok: false, reason: "code_required" });
    const wrongPassword = await attemptSignIn(await db(), limiter, {
      email: user.email,
      password: "not the password",
      code: codeFor(secret),
      ip: "203.0.113.5",
    });
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(user, "123456")).toEqual({ ok: false, reason: "code_invalid" });
    nextStep();
    expect((await signIn(user, codeFor(secret))).ok).toBe(true);
  });

  it("refuses a code used before (replay), even from two requests at once", async () => {
    const user = await makeUser("editor");
    const { secret } = await enrolled(user);
    const code = codeFor(secret);
    expect((await signIn(user, code)).ok).toBe(true);
    expect(await signIn(user, code)).toEqual({ ok: false, reason: "code_invalid" });
    nextStep();
    const fresh = codeFor(secret);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => signIn(user, fresh)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    // The previous step's code, still inside the clock-drift window, is older than the last used.
    nextStep();
    expect(await signIn(user, fresh)).toEqual({ ok: false, reason: "code_invalid" });
  });

  it("accepts each recovery code once, in any case and with or without dashes", async () => {
    const user = await makeUser("reporter");
    const { codes } = await enrolled(user);
    expect((await signIn(user, codes[0]!.toUpperCase().replaceAll("-", " "))).ok).toBe(true);
    expect(await signIn(user, codes[0])).toEqual({ ok: false, reason: "code_invalid" });
    expect((await signIn(user, codes[1])).ok).toBe(true);
  });

  it("blocks code guessing after 5 wrong codes, even a right code, on any address", async () => {
    const user = await makeUser("reporter");
    const { secret } = await enrolled(user);
    for (let i = 0; i < 5; i++) {
      expect(await signIn(user, String(100000 + i), `203.0.113.${i}`)).toEqual({
        ok: false,
        reason: "code_invalid",
      });
    }
    expect(await signIn(user, codeFor(secret), "198.51.100.9")).toMatchObject({
      ok: false,
      reason: "blocked",
    });
  });

  it("turns off only with a valid code", async () => {
    const user = await makeUser("reporter");
    const { secret } = await enrolled(user);
    expect(refused(await disableTwoFactor.execute(user.claims, { code: "999999" })).code).toBe(
      "invalid",
    );
    expect(await signIn(user)).toEqual({ ok: false, reason: "code_required" });
    ok(await disableTwoFactor.execute(user.claims, { code: codeFor(secret) }));
    expect((await signIn(user)).ok).toBe(true);
    const left = await (await db())
      .select()
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, user.id));
    expect(left).toHaveLength(0);
  });
});

describe("required for everyone", () => {
  it("sends users without two-factor to enrol: every other command is refused until they have", async () => {
    const user = await makeUser("editor");
    ok(await setTwoFactorRequired.execute(admin.claims, { required: true }));
    expect((await loadActor(await db(), user.claims))?.twoFactorPending).toBe(true);
    const blocked = refused(
      await updateProfile.execute(user.claims, { name: "Still Editing", bio: "" }),
    );
    expect(blocked).toMatchObject({
      code: "forbidden",
      message: "Set up two-factor authentication first.",
    });
    const { secret } = ok(await beginTwoFactor.execute(user.claims, {}));
    nextStep();
    ok(await confirmTwoFactor.execute(user.claims, { code: codeFor(secret) }));
    expect((await loadActor(await db(), user.claims))?.twoFactorPending).toBeUndefined();
    ok(await updateProfile.execute(user.claims, { name: "Now Editing", bio: "" }));
    // While required, it cannot be turned off.
    nextStep();
    expect(
      refused(await disableTwoFactor.execute(user.claims, { code: codeFor(secret) })).code,
    ).toBe("conflict");
  });

  it("is an admin's setting only", async () => {
    const editor = await makeUser("editor");
    expect(
      refused(await setTwoFactorRequired.execute(editor.claims, { required: true })).code,
    ).toBe("forbidden");
    expect(
      refused(await setTwoFactorRequired.execute(admin.claims, { required: "yes" })).code,
    ).toBe("invalid");
  });
});
