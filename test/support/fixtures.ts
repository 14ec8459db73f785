import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { sections, users } from "@/db/schema";
import type { DocJSON } from "@/lib/content/types";
import type { Role } from "@/lib/workflow/states";
import { createArticle } from "@/server/articles/commands/create-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import type { TransitionName } from "@/server/articles/workflow";
import type { SessionClaims } from "@/server/auth/actor";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { createUserRow } from "@/server/users/create-user-row";

export type TestUser = { id: string; email: string; role: Role; claims: SessionClaims };

/** A real user row (argon2 hash and all), and the session claims that user would hold. */
export async function makeUser(role: Role, name = `${role} ${crypto.randomUUID().slice(0, 6)}`) {
  const email = `${crypto.randomUUID().slice(0, 8)}@test.example`;
  const row = await createUserRow(await db(), {
    name,
    email,
    role,
    password: "correct horse battery",
  });
  const user: TestUser = { id: row.id, email, role, claims: { userId: row.id, sessionVersion: 1 } };
  return user;
}

export async function deactivate(user: TestUser) {
  await (await db()).update(users).set({ active: false }).where(eq(users.id, user.id));
}

export async function sectionId(slug = "politics"): Promise<string> {
  const [row] = await (await db()).select().from(sections).where(eq(sections.slug, slug));
  return row!.id;
}

export const doc = (...paragraphs: string[]): DocJSON => ({
  type: "doc",
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

export async function writeStory(
  author: TestUser,
  headline = `Story ${crypto.randomUUID().slice(0, 8)}`,
) {
  return ok(
    await createArticle.execute(author.claims, {
      headline,
      standfirst: "A standfirst.",
      dateline: "LONDON (Agency)",
      source: "Test desk",
      sectionId: await sectionId(),
      body: doc("First paragraph of the story.", "Second paragraph."),
    }),
  );
}

/** Moves a story along a path of transitions as the given people. */
export async function advance(
  id: string,
  steps: { name: TransitionName; as: TestUser; note?: string }[],
  from = "draft",
): Promise<string> {
  let status = from;
  for (const step of steps) {
    const data = ok(
      await TRANSITION_COMMANDS[step.name].execute(step.as.claims, {
        id,
        fromStatus: status,
        note: step.note ?? (step.name === "requestChanges" ? "Please fix." : ""),
      }),
    ) as { status: string };
    status = data.status;
  }
  return status;
}
