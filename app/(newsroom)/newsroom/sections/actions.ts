"use server";

/**
 * Section management actions: one-liners over commands (server/sections/commands), which
 * check "section.manage" themselves; these exports are reachable by direct POST and trust
 * nothing. They take the form's FormData so the forms work before JavaScript loads.
 */
import { revalidatePath } from "next/cache";
import { runAction } from "@/server/actions";
import type { Result } from "@/server/errors";
import { createSection } from "@/server/sections/commands/create-section";
import { moveSection } from "@/server/sections/commands/move-section";
import { updateSection } from "@/server/sections/commands/update-section";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

async function refreshed<T>(result: Promise<Result<T>>): Promise<Result<T>> {
  const done = await result;
  if (done.ok) revalidatePath("/newsroom/sections");
  return done;
}

export async function addSectionAction(_previous: unknown, form: FormData) {
  return refreshed(
    runAction(createSection, {
      name: text(form, "name"),
      slug: text(form, "slug"),
      description: text(form, "description"),
    }),
  );
}

export async function editSectionAction(_previous: unknown, form: FormData) {
  return refreshed(
    runAction(updateSection, {
      id: text(form, "id"),
      name: text(form, "name"),
      description: text(form, "description"),
    }),
  );
}

export async function moveSectionAction(_previous: unknown, form: FormData) {
  return refreshed(
    runAction(moveSection, { id: text(form, "id"), direction: text(form, "direction") }),
  );
}
