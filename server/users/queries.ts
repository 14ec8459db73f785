import "server-only";
import { asc, count, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { db } from "../db";
import { type Actor, can } from "../policy";

export async function hasAnyUser(): Promise<boolean> {
  const [row] = await (await db()).select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

export type StaffRow = { id: string; name: string; email: string; role: string; active: boolean };

/** Staff list for admins; nobody else gets emails. */
export async function listStaff(actor: Actor): Promise<StaffRow[]> {
  if (!can(actor, "user.manage")) return [];
  return (await db())
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
    })
    .from(users)
    .orderBy(asc(users.name));
}

/** Active staff who can be assigned a story: names only, no emails. */
export async function listAssignableStaff(): Promise<{ id: string; name: string; role: string }[]> {
  return (await db())
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name));
}
