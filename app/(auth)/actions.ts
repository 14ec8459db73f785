"use server";

import { runAction } from "@/server/actions";
import { setupAdmin as setupAdminCommand } from "@/server/users/commands/setup-admin";

export async function setupAdmin(input: unknown) {
  return runAction(setupAdminCommand, input);
}
