import "server-only";
import { recordEvent } from "../../audit";
import { defineCommand } from "../../command";
import { AppError } from "../../errors";
import { mayGrant } from "../../policy";
import { createUserRow } from "../create-user-row";
import { newUserInput } from "../input";

/** An admin adds a member of staff, with a role no higher than their own. */
export const createUser = defineCommand({
  name: "createUser",
  permission: "user.manage",
  input: newUserInput,
  async run({ actor, tx }, input) {
    if (!mayGrant(actor!, input.role)) {
      throw new AppError("forbidden", "You may not grant that role.");
    }
    const user = await createUserRow(tx, input);
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "user_created",
      detail: { userId: user.id, role: user.role },
    });
    return { id: user.id };
  },
});
