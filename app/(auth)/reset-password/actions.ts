"use server";

import { runAction } from "@/server/actions";
import { requestIp } from "@/server/http/request-ip";
import { attemptPasswordReset } from "@/server/users/commands/reset-password";

/** Public: the reset link is the credential. Attempts are counted per address first. */
export async function resetPassword(input: unknown) {
  return runAction(attemptPasswordReset, { input, ip: await requestIp() });
}
