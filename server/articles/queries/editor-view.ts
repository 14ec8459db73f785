import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { articleTags, editorialNotes, sections, tags, users, workflowEvents } from "@/db/schema";
import type { DocJSON } from "@/lib/content/types";
import type { ArticleStatus } from "@/lib/workflow/states";
import { db } from "../../db";
import { type Actor, can, canSee } from "../../policy";
import { articleScope, loadArticle } from "../load";
import { availableTransitions, TRANSITIONS, type TransitionName } from "../workflow";

export type TransitionButton = {
  name: TransitionName;
  label: string;
  requiresNote: boolean;
  requiresTime: boolean;
};

export type NoteView = {
  id: string;
  kind: string;
  body: string;
  by: string;
  at: string;
  resolved: boolean;
};

export type HistoryEntry = {
  id: number;
  action: string;
  from: string | null;
  to: string | null;
  note: string;
  by: string;
  at: string;
};

export type EditorView = {
  id: string;
  version: number;
  status: ArticleStatus;
  slug: string;
  /** True once someone set the slug by hand; until then it follows the headline. */
  slugManual: boolean;
  publicPath: string;
  headline: string;
  standfirst: string;
  dateline: string;
  source: string;
  sectionId: string;
  featuredMediaId: string | null;
  seoTitle: string;
  seoDescription: string;
  body: DocJSON;
  wordCount: number;
  authors: string[];
  authorIds: string[];
  tags: string[];
  canEdit: boolean;
  /** The workflow buttons this actor may press now, derived from the state machine. */
  transitions: TransitionButton[];
  /** The latest request-changes note, shown to the reporter. */
  changesNote: { note: string; by: string; at: string } | null;
  isLive: boolean;
  updateStatus: "editing" | "in_review" | null;
  scheduledFor: string | null;
  deadline: string | null;
  brief: string;
  notes: NoteView[];
  history: HistoryEntry[];
};

/**
 * A story as its editor page needs it, or null when the actor may not see it (the page
 * then answers 404, exactly as for a story that does not exist).
 */
export async function getEditorView(actor: Actor, id: string): Promise<EditorView | null> {
  const database = await db();
  const loaded = await loadArticle(database, id);
  if (!loaded?.working) return null;
  const scope = articleScope(loaded);
  if (!canSee(actor, scope)) return null;
  const { article, working } = loaded;
  const [section] = await database
    .select({ slug: sections.slug })
    .from(sections)
    .where(eq(sections.id, working.sectionId));
  const authorRows = loaded.authorIds.length
    ? await database
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, loaded.authorIds))
    : [];
  const names = new Map(authorRows.map((r) => [r.id, r.name]));
  const [note] =
    article.status === "changes_requested"
      ? await database
          .select({ note: workflowEvents.note, at: workflowEvents.createdAt, by: users.name })
          .from(workflowEvents)
          .leftJoin(users, eq(users.id, workflowEvents.actorId))
          .where(
            and(eq(workflowEvents.articleId, id), eq(workflowEvents.action, "changes_requested")),
          )
          .orderBy(desc(workflowEvents.id))
          .limit(1)
      : [];
  const tagRows = await database
    .select({ name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, id))
    .orderBy(asc(articleTags.position));
  const notes = await database
    .select({
      id: editorialNotes.id,
      kind: editorialNotes.kind,
      body: editorialNotes.body,
      at: editorialNotes.createdAt,
      resolvedAt: editorialNotes.resolvedAt,
      by: users.name,
    })
    .from(editorialNotes)
    .leftJoin(users, eq(users.id, editorialNotes.authorId))
    .where(eq(editorialNotes.articleId, id))
    .orderBy(asc(editorialNotes.createdAt));
  const history = await database
    .select({
      id: workflowEvents.id,
      action: workflowEvents.action,
      from: workflowEvents.fromStatus,
      to: workflowEvents.toStatus,
      note: workflowEvents.note,
      at: workflowEvents.createdAt,
      by: users.name,
    })
    .from(workflowEvents)
    .leftJoin(users, eq(users.id, workflowEvents.actorId))
    .where(eq(workflowEvents.articleId, id))
    .orderBy(asc(workflowEvents.id));
  return {
    id: article.id,
    version: article.version,
    status: article.status,
    slug: article.slug,
    slugManual: article.slugManual,
    publicPath: `/${section?.slug ?? "news"}/${article.slug}`,
    headline: working.headline,
    standfirst: working.standfirst,
    dateline: working.dateline,
    source: working.source,
    sectionId: working.sectionId,
    featuredMediaId: working.featuredMediaId,
    seoTitle: working.seoTitle,
    seoDescription: working.seoDescription,
    body: working.body,
    wordCount: working.wordCount,
    authors: loaded.authorIds.map((a) => names.get(a) ?? "Unknown"),
    authorIds: loaded.authorIds,
    tags: tagRows.map((t) => t.name),
    canEdit: can(actor, "article.edit", scope),
    transitions: availableTransitions(actor, scope).map((name) => ({
      name,
      label: TRANSITIONS[name].label,
      requiresNote: "requiresNote" in TRANSITIONS[name],
      requiresTime: "requiresTime" in TRANSITIONS[name],
    })),
    changesNote: note
      ? { note: note.note, by: note.by ?? "An editor", at: note.at.toISOString() }
      : null,
    isLive: article.publishedRevisionId !== null && article.status === "published",
    updateStatus: article.updateStatus,
    scheduledFor: article.scheduledFor?.toISOString() ?? null,
    deadline: article.deadline?.toISOString() ?? null,
    brief: article.brief,
    notes: notes.map((n) => ({
      id: n.id,
      kind: n.kind,
      body: n.body,
      by: n.by ?? "Unknown",
      at: n.at.toISOString(),
      resolved: n.resolvedAt !== null,
    })),
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      from: h.from,
      to: h.to,
      note: h.note,
      by: h.by ?? "The scheduler",
      at: h.at.toISOString(),
    })),
  };
}
