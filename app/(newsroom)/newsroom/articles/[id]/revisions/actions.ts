"use server";

import { runAction } from "@/server/actions";
import { restoreRevision as restoreRevisionCommand } from "@/server/articles/commands/restore-revision";

/** Restores an earlier revision as a new one (the command checks who may, on which story). */
export async function restoreRevision(input: unknown) {
  return runAction(restoreRevisionCommand, input);
}
