import "server-only";
import { z } from "zod";
import { recordEvent } from "../../audit";
import { signInLimiter } from "../../auth/sign-in-limits";
import {
  checkSecondFactor,
  confirmEnrolment,
  hasTwoFactor,
  removeTwoFactor,
  startEnrolment,
} from "../../auth/two-factor";
import { isTwoFactorRequired } from "../../auth/two-factor-setting";
import { defineCommand } from "../../command";
import { AppError } from "../../errors";
import type { Actor } from "../../policy";

const codeInput = z.strictObject({
  code: z.string({ message: "Enter the code from your authenticator app." }).max(64),
});

/**
 * Codes are guessable in a million tries: every code check counts against the user's limit,
 * taken before the transaction so that a wrong code's rollback does not undo it.
 */
async function limitCodeTries(actor: Actor | null) {
  const reservation = await (await signInLimiter()).reserveCode(actor!.id);
  if (!reservation.allowed) {
    throw new AppError("rate_limited", "Too many attempts. Try again later.");
  }
}

/** Starts (or restarts) setting up an authenticator app: a new secret, shown once, as a QR code. */
export const beginTwoFactor = defineCommand({
  name: "beginTwoFactor",
  permission: "profile.edit",
  duringTwoFactorSetup: true,
  input: z.strictObject({}),
  async run({ actor, tx }) {
    if (await hasTwoFactor(tx, actor!.id)) {
      throw new AppError("conflict", "Two-factor authentication is already on.");
    }
    return startEnrolment(tx, actor!.id, actor!.email);
  },
});

/** Confirms the app with a code it shows; answers the recovery codes (shown this once). */
export const confirmTwoFactor = defineCommand({
  name: "confirmTwoFactor",
  permission: "profile.edit",
  duringTwoFactorSetup: true,
  input: codeInput,
  beforeTransaction: limitCodeTries,
  async run({ actor, tx }, input) {
    const recoveryCodes = await confirmEnrolment(tx, actor!.id, input.code);
    if (!recoveryCodes) {
      throw new AppError("invalid", "That code is not right.", {
        fields: { code: "Invalid authentication code" },
      });
    }
    await recordEvent(tx, { actorId: actor!.id, action: "two_factor_enabled" });
    return { recoveryCodes };
  },
});

/** Turns two-factor off with a current code (not while an admin requires it). */
export const disableTwoFactor = defineCommand({
  name: "disableTwoFactor",
  permission: "profile.edit",
  input: codeInput,
  beforeTransaction: limitCodeTries,
  async run({ actor, tx }, input) {
    if (await isTwoFactorRequired(tx)) {
      throw new AppError("conflict", "Two-factor authentication is required in this newsroom.");
    }
    if (!(await checkSecondFactor(tx, actor!.id, input.code))) {
      throw new AppError("invalid", "That code is not right.", {
        fields: { code: "Invalid authentication code" },
      });
    }
    await removeTwoFactor(tx, actor!.id);
    await recordEvent(tx, { actorId: actor!.id, action: "two_factor_disabled" });
    return { done: true };
  },
});
