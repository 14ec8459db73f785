import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { db } from "../db";
import type { Actor } from "../policy";

export type OwnProfile = { name: string; bio: string; email: string; role: string };

/** The signed-in person's own profile: only ever their row. */
export async function getOwnProfile(actor: Actor): Promise<OwnProfile | null> {
  const [row] = await (await db())
    .select({ name: users.name, bio: users.bio, email: users.email, role: users.role })
    .from(users)
    .where(eq(users.id, actor.id))
    .limit(1);
  return row ?? null;
}
