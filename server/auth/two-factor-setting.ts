import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { settings } from "@/db/schema";

/** The newsroom-wide setting an admin turns on to require two-factor for everyone. */
export const TWO_FACTOR_REQUIRED_KEY = "two_factor_required";

export async function isTwoFactorRequired(ex: Executor): Promise<boolean> {
  const [row] = await ex
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, TWO_FACTOR_REQUIRED_KEY));
  return row?.value === "true";
}
