"use server";

/**
 * Staff management and profile actions. Each is a one-liner over a command, which checks
 * the policy itself: these exports are reachable by direct POST and trust nothing.
 */
import { runAction } from "@/server/actions";
import { changePassword as changePasswordCommand } from "@/server/users/commands/change-password";
import { changeUserRole as changeUserRoleCommand } from "@/server/users/commands/change-user-role";
import { createPasswordReset as createPasswordResetCommand } from "@/server/users/commands/create-password-reset";
import { deactivateUser as deactivateUserCommand } from "@/server/users/commands/deactivate-user";
import { reactivateUser as reactivateUserCommand } from "@/server/users/commands/reactivate-user";
import { setAvatar as setAvatarCommand } from "@/server/users/commands/set-avatar";
import { updateProfile as updateProfileCommand } from "@/server/users/commands/update-profile";

export async function changeUserRole(input: unknown) {
  return runAction(changeUserRoleCommand, input);
}

export async function deactivateUser(input: unknown) {
  return runAction(deactivateUserCommand, input);
}

export async function reactivateUser(input: unknown) {
  return runAction(reactivateUserCommand, input);
}

export async function createPasswordReset(input: unknown) {
  return runAction(createPasswordResetCommand, input);
}

export async function updateProfile(input: unknown) {
  return runAction(updateProfileCommand, input);
}

export async function changePassword(input: unknown) {
  return runAction(changePasswordCommand, input);
}

export async function setAvatar(input: unknown) {
  return runAction(setAvatarCommand, input);
}
