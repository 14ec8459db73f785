import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type User, users } from "@/db/schema";
import { AppError } from "../errors";
import type { Actor } from "../policy";

/**
 * Every command that can shrink the set of active admins takes this lock first, so two
 * admins demoting each other at the same moment cannot leave the newsroom with none.
 */
export async function lockAdminSet(tx: Transaction): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('newsroom:active-admins'))`);
}

/**
 * The command wrapper checked the actor before the transaction began; under the lock we look
 * again, so an admin demoted a moment ago cannot finish a staff change with a stale role.
 */
export async function assertStillAdmin(tx: Transaction, actor: Actor): Promise<void> {
  const [row] = await tx
    .select({ role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!row?.active || row.role !== "admin") {
    throw new AppError("forbidden", "You may not do that.");
  }
}

/** The target user, row-locked for the rest of the transaction. */
export async function lockUser(tx: Transaction, id: string): Promise<User | null> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for("update");
  return row ?? null;
}

export async function activeAdminCount(tx: Transaction): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)));
  return row?.n ?? 0;
}

/** Refuses a change that would leave no active admin (only ever the admin themself). */
export async function assertNotLastAdmin(tx: Transaction, target: User, doing: string) {
  if (target.role !== "admin" || !target.active) return;
  if ((await activeAdminCount(tx)) > 1) return;
  throw new AppError(
    "conflict",
    `You are the last active admin, so you cannot ${doing}. Make someone else an admin first.`,
  );
}

/** Every older session of this user dies on its next request (loadActor compares it). */
export const bumpSessionVersion = sql`${users.sessionVersion} + 1`;
