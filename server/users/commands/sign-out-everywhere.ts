import "server-only";
import { z } from "zod";
import { recordEvent } from "../../audit";
import { endAllSessions } from "../../auth/sessions";
import { defineCommand } from "../../command";

/** Ends every session of the user, this one included (a lost laptop, a shared computer). */
export const signOutEverywhere = defineCommand({
  name: "signOutEverywhere",
  permission: "profile.edit",
  duringTwoFactorSetup: true,
  input: z.strictObject({}),
  async run({ actor, tx }) {
    const ended = await endAllSessions(tx, actor!.id);
    await recordEvent(tx, {
      actorId: actor!.id,
      action: "signed_out_everywhere",
      detail: { sessions: ended },
    });
    return { ended };
  },
});
