import "server-only";
import crypto from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { passwordResets, users } from "@/db/schema";
import { recordEvent } from "../../audit";
import type { SessionClaims } from "../../auth/actor";
import { hashPassword } from "../../auth/password";
import { defineCommand } from "../../command";
import { db } from "../../db";
import { AppError, type Result } from "../../errors";
import { log } from "../../log";
import { hit } from "../../rate-limit";
import { newPassword } from "../input";
import { hashResetToken, INVALID_RESET_LINK } from "../reset-token";
import { bumpSessionVersion } from "../staff-guard";

const input = z
  .strictObject({
    token: z.string().max(200),
    password: newPassword,
    confirmPassword: z.string().max(4096),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });

const invalidLink = () => new AppError("invalid", INVALID_RESET_LINK);

/**
 * Someone holding a reset link sets a new password. Public: the link is the credential.
 * An unknown, malformed, expired, used or superseded link, or one for a deactivated account,
 * all get the same answer. On success the link is spent, every other open link of the user
 * dies, and every session of the user ends.
 */
export const resetPassword = defineCommand({
  name: "resetPassword",
  permission: "public",
  input,
  async run({ tx }, { token, password }) {
    const tokenHash = hashResetToken(token);
    if (!tokenHash) throw invalidLink();
    // Claimed with FOR UPDATE: two submissions of the same link cannot both succeed.
    const [link] = await tx
      .select({ id: passwordResets.id, userId: passwordResets.userId, active: users.active })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(
        and(
          eq(passwordResets.tokenHash, tokenHash),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, sql`now()`),
        ),
      )
      .for("update", { of: passwordResets });
    if (!link?.active) throw invalidLink();
    await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.userId, link.userId), isNull(passwordResets.usedAt)));
    await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(password),
        sessionVersion: bumpSessionVersion,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, link.userId));
    await recordEvent(tx, {
      actorId: link.userId,
      action: "password_reset_used",
      detail: { userId: link.userId, resetId: link.id },
    });
    return { done: true };
  },
});

/** Attempts per client address, and for everyone together (addresses can be spoofed). */
export const RESET_LIMITS = {
  perIp: { limit: 10, windowSeconds: 15 * 60 },
  overall: { limit: 300, windowSeconds: 60 * 60 },
} as const;

/**
 * The form's entry point: counts the attempt before trying it. The counters are written on
 * their own, outside the command's transaction, so a refused attempt still counts (a rolled
 * back transaction would otherwise forget it). A refused link is audited the same way.
 */
export const attemptPasswordReset = {
  async execute(claims: SessionClaims | null, raw: unknown): Promise<Result<{ done: true }>> {
    const { input, ip } = (raw ?? {}) as { input?: unknown; ip?: unknown };
    const database = await db();
    // Addresses are personal data: the counter's key holds a hash, never the address.
    const ipKey = crypto
      .createHash("sha256")
      .update(typeof ip === "string" ? ip.slice(0, 64) : "unknown")
      .digest("hex");
    const perIp = await hit(
      database,
      `password-reset:ip:${ipKey}`,
      RESET_LIMITS.perIp.limit,
      RESET_LIMITS.perIp.windowSeconds,
    );
    const overall = await hit(
      database,
      "password-reset:all",
      RESET_LIMITS.overall.limit,
      RESET_LIMITS.overall.windowSeconds,
    );
    if (!perIp.allowed || !overall.allowed) {
      const seconds = Math.max(
        perIp.allowed ? 0 : perIp.retryAfterSeconds,
        overall.allowed ? 0 : overall.retryAfterSeconds,
      );
      const wait = Math.ceil(seconds / 60);
      return {
        ok: false,
        error: {
          code: "rate_limited",
          message: `Too many attempts. Try again in ${wait} minute${wait === 1 ? "" : "s"}.`,
        },
      };
    }
    const result = (await resetPassword.execute(claims, input)) as Result<{ done: true }>;
    if (!result.ok && result.error.message === INVALID_RESET_LINK) {
      try {
        await recordEvent(database, {
          action: "password_reset_refused",
          detail: { reason: "invalid_link" },
        });
      } catch (error) {
        log.warn({ err: error }, "could not audit a refused reset link");
      }
    }
    return result;
  },
};
