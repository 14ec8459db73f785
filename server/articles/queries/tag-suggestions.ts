import "server-only";
import { asc, sql } from "drizzle-orm";
import { tags } from "@/db/schema";
import { db } from "../../db";

/** Existing tags starting with (or containing) what was typed, for autocomplete. */
export async function tagSuggestions(query: string): Promise<{ slug: string; name: string }[]> {
  const q = query
    .replaceAll("\u0000", "")
    .trim()
    .slice(0, 60)
    .replace(/[\\%_]/g, (c) => `\\${c}`);
  return (await db())
    .select({ slug: tags.slug, name: tags.name })
    .from(tags)
    .where(q ? sql`${tags.name} ilike ${`%${q}%`}` : undefined)
    .orderBy(asc(tags.name))
    .limit(20);
}
