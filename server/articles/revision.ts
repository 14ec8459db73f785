import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { type ArticleRevision, articleRevisions, sections } from "@/db/schema";
import { countWords, docToText } from "@/lib/content/text";
import type { DocJSON } from "@/lib/content/types";
import { validateDoc } from "@/lib/content/validate";
import { AppError } from "../errors";

export type RevisionFields = {
  headline: string;
  standfirst: string;
  dateline: string;
  source: string;
  sectionId: string;
  body: DocJSON;
};

/** Validates a posted body against the content schema; refuses with a clear message. */
export function checkedBody(raw: unknown): DocJSON {
  const result = validateDoc(raw);
  if (!result.ok) {
    throw new AppError("invalid", `The story body was refused: ${result.reason}.`, {
      fields: { body: result.reason },
    });
  }
  return result.doc;
}

export async function assertSection(tx: Executor, sectionId: string): Promise<void> {
  const [row] = await tx
    .select({ id: sections.id })
    .from(sections)
    .where(eq(sections.id, sectionId))
    .limit(1);
  if (!row) {
    throw new AppError("invalid", "Choose a section.", {
      fields: { sectionId: "That section does not exist." },
    });
  }
}

export function sameContent(a: RevisionFields, b: ArticleRevision): boolean {
  return (
    a.headline === b.headline &&
    a.standfirst === b.standfirst &&
    a.dateline === b.dateline &&
    a.source === b.source &&
    a.sectionId === b.sectionId &&
    JSON.stringify(a.body) === JSON.stringify(b.body)
  );
}

/** Appends a revision (revisions are never updated). */
export async function appendRevision(
  tx: Executor,
  articleId: string,
  fields: RevisionFields,
  kind: "autosave" | "manual" | "restore",
  createdBy: string,
): Promise<ArticleRevision> {
  const bodyText = docToText(fields.body);
  const [row] = await tx
    .insert(articleRevisions)
    .values({
      articleId,
      number: sql`(select coalesce(max(number), 0) + 1 from article_revisions where article_id = ${articleId})`,
      kind,
      ...fields,
      bodyText,
      wordCount: countWords(bodyText),
      createdBy,
    })
    .returning();
  return row!;
}
