import "server-only";
import { asc } from "drizzle-orm";
import { sections } from "@/db/schema";
import { db } from "../db";

export type SectionSummary = { id: string; slug: string; name: string; description: string };

/** Sections in the order editors gave them: navigation and the editor's Section select. */
export async function listSections(): Promise<SectionSummary[]> {
  return (await db())
    .select({
      id: sections.id,
      slug: sections.slug,
      name: sections.name,
      description: sections.description,
    })
    .from(sections)
    .orderBy(asc(sections.position), asc(sections.name));
}
