import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";
import { slugify } from "@/lib/slug";
import type { Role } from "@/lib/workflow/states";
import { hashPassword } from "../auth/password";
import { AppError } from "../errors";

/** Inserts a staff account; a duplicate email is a clear, field-level refusal. */
export async function createUserRow(
  tx: Executor,
  input: { name: string; email: string; password: string; role: Role },
): Promise<{ id: string; email: string; role: Role }> {
  // Serialise creates of the same address: the loser gets the clear conflict, not a 500.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`user-email:${input.email.toLowerCase()}`}))`,
  );
  const [existing] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`)
    .limit(1);
  if (existing) {
    throw new AppError("conflict", "A user with that email already exists.", {
      fields: { email: "A user with that email already exists." },
    });
  }
  const base = slugify(input.name, 60);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`user-slug:${base}`}))`);
  const taken = await tx
    .select({ slug: users.slug })
    .from(users)
    .where(sql`${users.slug} ~ ${`^${base}(-[0-9]+)?$`}`);
  const set = new Set(taken.map((t) => t.slug));
  let slug = base;
  for (let n = 2; set.has(slug); n++) slug = `${base}-${n}`;
  const [row] = await tx
    .insert(users)
    .values({
      name: input.name,
      email: input.email,
      role: input.role,
      slug,
      passwordHash: await hashPassword(input.password),
    })
    .returning({ id: users.id, email: users.email, role: users.role });
  return row!;
}
