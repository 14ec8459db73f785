import "server-only";
import { hasTwoFactor, unusedRecoveryCodes } from "../auth/two-factor";
import { isTwoFactorRequired } from "../auth/two-factor-setting";
import { db } from "../db";
import type { Actor } from "../policy";

/** What the security page shows the signed-in person about their own account. */
export async function getOwnSecurity(actor: Actor) {
  const database = await db();
  return {
    twoFactor: await hasTwoFactor(database, actor.id),
    recoveryCodesLeft: await unusedRecoveryCodes(database, actor.id),
    required: await isTwoFactorRequired(database),
  };
}
