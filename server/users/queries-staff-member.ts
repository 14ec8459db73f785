import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { db } from "../db";
import { type Actor, can } from "../policy";

export type StaffMember = {
  id: string;
  name: string;
  email: string;
  role: "reporter" | "editor" | "admin";
  active: boolean;
  slug: string;
  createdAt: Date;
  lastSignInAt: Date | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One member of staff for the admin's page (never the hash or any token); null otherwise. */
export async function getStaffMember(actor: Actor, id: string): Promise<StaffMember | null> {
  if (!can(actor, "user.manage") || !UUID.test(id)) return null;
  const [row] = await (await db())
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      slug: users.slug,
      createdAt: users.createdAt,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}
