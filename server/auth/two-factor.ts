import "server-only";
import crypto from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import type { Executor } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { config } from "../config";
import { keyedHash, open, seal } from "./secret-box";

/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app reads),
 * with single-use recovery codes. Seeds are sealed with a key derived from AUTH_SECRET; a code
 * is accepted once only (the last accepted time step is stored and must increase).
 */

const SEED_PURPOSE = "totp-seed";
const RECOVERY_PURPOSE = "recovery-code";
const PERIOD = 30;
/** One step either side: clocks drift and people type slowly. */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

function totp(seedBase32: string, label = "") {
  return new OTPAuth.TOTP({
    issuer: config().siteName,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(seedBase32),
  });
}

export type Enrolment = { secret: string; uri: string; qrSvg: string };

/** A new pending seed (replacing any earlier pending one); enabled only once a code confirms it. */
export async function startEnrolment(ex: Executor, userId: string, email: string) {
  const seed = new OTPAuth.Secret({ size: 20 }).base32;
  await ex
    .update(users)
    .set({ totpSecret: seal(seed, SEED_PURPOSE), totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId));
  const uri = totp(seed, email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret: seed, uri, qrSvg } satisfies Enrolment;
}

const SIX_DIGITS = /^\d{6}$/;

export function normaliseCode(code: unknown): string {
  return typeof code === "string" ? code.replace(/[\s-]/g, "").toLowerCase().slice(0, 64) : "";
}

/**
 * Checks a 6-digit code against the user's seed and spends its time step: the step is
 * written only if it is later than the last one accepted, in one UPDATE, so a code (or an
 * earlier one) is never accepted twice, even by two requests at once.
 */
async function spendTotp(ex: Executor, userId: string, sealed: string, code: string) {
  const seed = open(sealed, SEED_PURPOSE);
  if (!seed || !SIX_DIGITS.test(code)) return false;
  const delta = totp(seed).validate({ token: code, window: WINDOW });
  if (delta === null) return false;
  const step = Math.floor(Date.now() / 1000 / PERIOD) + delta;
  const spent = await ex
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return spent.length === 1;
}

/** Confirms a pending enrolment with a code from the app; returns fresh recovery codes. */
export async function confirmEnrolment(ex: Executor, userId: string, rawCode: unknown) {
  const [row] = await ex
    .select({ sealed: users.totpSecret, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!row?.sealed || row.enabledAt) return null;
  if (!(await spendTotp(ex, userId, row.sealed, normaliseCode(rawCode)))) return null;
  await ex.update(users).set({ totpEnabledAt: sql`now()` }).where(eq(users.id, userId));
  return replaceRecoveryCodes(ex, userId);
}

export async function replaceRecoveryCodes(ex: Executor, userId: string): Promise<string[]> {
  await ex.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = crypto.randomBytes(8).toString("hex"); // 64 bits
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
  });
  await ex.insert(recoveryCodes).values(
    codes.map((code) => ({
      userId,
      codeHash: keyedHash(normaliseCode(code), RECOVERY_PURPOSE),
    })),
  );
  return codes;
}

/**
 * The second factor at sign-in (or to turn it off): a current 6-digit code not used before,
 * or an unused recovery code, which is spent.
 */
export async function checkSecondFactor(ex: Executor, userId: string, rawCode: unknown) {
  const code = normaliseCode(rawCode);
  if (!code) return false;
  const [row] = await ex
    .select({ sealed: users.totpSecret, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!row?.sealed || !row.enabledAt) return false;
  if (SIX_DIGITS.test(code)) return spendTotp(ex, userId, row.sealed, code);
  const spent = await ex
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, keyedHash(code, RECOVERY_PURPOSE)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return spent.length === 1;
}

export async function hasTwoFactor(ex: Executor, userId: string): Promise<boolean> {
  const [row] = await ex
    .select({ enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId));
  return !!row?.enabledAt;
}

export async function removeTwoFactor(ex: Executor, userId: string): Promise<void> {
  await ex
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId));
  await ex.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

export async function unusedRecoveryCodes(ex: Executor, userId: string): Promise<number> {
  const rows = await ex
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}
