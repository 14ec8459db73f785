"use server";

import { runAction } from "@/server/actions";
import { setTwoFactorRequired as setTwoFactorRequiredCommand } from "@/server/users/commands/set-two-factor-required";
import { signOutEverywhere as signOutEverywhereCommand } from "@/server/users/commands/sign-out-everywhere";
import {
  beginTwoFactor as beginTwoFactorCommand,
  confirmTwoFactor as confirmTwoFactorCommand,
  disableTwoFactor as disableTwoFactorCommand,
} from "@/server/users/commands/two-factor";

export async function beginTwoFactor(input: unknown) {
  return runAction(beginTwoFactorCommand, input);
}

export async function confirmTwoFactor(input: unknown) {
  return runAction(confirmTwoFactorCommand, input);
}

export async function disableTwoFactor(input: unknown) {
  return runAction(disableTwoFactorCommand, input);
}

export async function signOutEverywhere(input: unknown) {
  return runAction(signOutEverywhereCommand, input);
}

export async function setTwoFactorRequired(input: unknown) {
  return runAction(setTwoFactorRequiredCommand, input);
}
