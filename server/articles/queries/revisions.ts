import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import {
  type ArticleRevision,
  articleRevisions,
  corrections,
  sections,
  tags,
  users,
  workflowEvents,
} from "@/db/schema";
import type { RelatedTeaser } from "@/lib/content/render";
import { type DiffLookups, diffRevisions, type RevisionDiff } from "@/lib/diff/revisions";
import type { ArticleStatus } from "@/lib/workflow/states";
import { db } from "../../db";
import { type Actor, can, canSee } from "../../policy";
import { relatedTeasers } from "../../reader/article";
import { articleScope, type LoadedArticle, loadArticle } from "../load";

/**
 * Reads of a story's revision history. Each starts from the story and the actor's scope:
 * a story the actor may not see answers null, exactly like one that does not exist.
 */

export type RevisionKind = ArticleRevision["kind"];

export type StorySummary = {
  id: string;
  /** The working copy's headline. */
  headline: string;
  status: ArticleStatus;
  version: number;
  /** The working revision's number: "current". */
  currentNumber: number;
  /** May this actor restore revisions (edit the story) now? */
  canRestore: boolean;
};

export type RevisionListItem = {
  id: string;
  number: number;
  kind: RevisionKind;
  headline: string;
  wordCount: number;
  by: string;
  createdAt: Date;
  /** Was this revision ever put live (published or published as an update)? */
  published: boolean;
  /** Is it what readers see now? */
  live: boolean;
  current: boolean;
};

async function visible(
  database: Executor,
  actor: Actor,
  articleId: string,
): Promise<LoadedArticle | null> {
  const loaded = await loadArticle(database, articleId);
  if (!loaded?.working || !canSee(actor, articleScope(loaded))) return null;
  return loaded;
}

function summary(actor: Actor, loaded: LoadedArticle): StorySummary {
  return {
    id: loaded.article.id,
    headline: loaded.working?.headline ?? "",
    status: loaded.article.status,
    version: loaded.article.version,
    currentNumber: loaded.working?.number ?? 0,
    canRestore: can(actor, "article.edit", articleScope(loaded)),
  };
}

const isLive = (loaded: LoadedArticle, revisionId: string) =>
  loaded.article.status === "published" && loaded.article.publishedRevisionId === revisionId;

/**
 * Which revisions were ever published. Publishing puts the working revision live, and the
 * working revision is always the newest one, so each publication event names the newest
 * revision written before it. Corrections and the current published pointer name theirs.
 */
async function publishedRevisionIds(
  database: Executor,
  loaded: LoadedArticle,
  revisions: { id: string; number: number; createdAt: Date }[],
): Promise<Set<string>> {
  const ids = new Set<string>();
  if (loaded.article.publishedRevisionId) ids.add(loaded.article.publishedRevisionId);
  const articleId = loaded.article.id;
  const [events, fixed] = await Promise.all([
    database
      .select({ createdAt: workflowEvents.createdAt, detail: workflowEvents.detail })
      .from(workflowEvents)
      .where(
        and(
          eq(workflowEvents.articleId, articleId),
          inArray(workflowEvents.action, ["published", "update_published"]),
        ),
      ),
    database
      .select({ revisionId: corrections.revisionId })
      .from(corrections)
      .where(eq(corrections.articleId, articleId)),
  ]);
  for (const row of fixed) ids.add(row.revisionId);
  const byAge = [...revisions].sort((a, b) => a.number - b.number);
  for (const event of events) {
    const named = event.detail?.revisionId;
    if (typeof named === "string") {
      ids.add(named);
      continue;
    }
    let newest: string | null = null;
    for (const r of byAge) {
      if (r.createdAt.getTime() > event.createdAt.getTime()) break;
      newest = r.id;
    }
    if (newest) ids.add(newest);
  }
  return ids;
}

export type RevisionHistory = { story: StorySummary; revisions: RevisionListItem[] };

/** Every revision of a story, newest first, with who wrote it and whether it went live. */
export async function getRevisionHistory(
  actor: Actor,
  articleId: string,
): Promise<RevisionHistory | null> {
  const database = await db();
  const loaded = await visible(database, actor, articleId);
  if (!loaded) return null;
  // No bodies here: a story may have thousands of autosaves.
  const rows = await database
    .select({
      id: articleRevisions.id,
      number: articleRevisions.number,
      kind: articleRevisions.kind,
      headline: articleRevisions.headline,
      wordCount: articleRevisions.wordCount,
      createdAt: articleRevisions.createdAt,
      by: users.name,
    })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.createdBy))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.number));
  const published = await publishedRevisionIds(database, loaded, rows);
  return {
    story: summary(actor, loaded),
    revisions: rows.map((r) => ({
      ...r,
      by: r.by ?? "Unknown",
      published: published.has(r.id),
      live: isLive(loaded, r.id),
      current: r.id === loaded.article.workingRevisionId,
    })),
  };
}

/** Parses a revision number from a URL: a positive integer, else null. */
export function revisionNumber(raw: unknown): number | null {
  if (typeof raw !== "string" || !/^[1-9]\d{0,8}$/.test(raw)) return null;
  return Number(raw);
}

async function revisionByNumber(
  database: Executor,
  articleId: string,
  number: number,
): Promise<ArticleRevision | null> {
  const [row] = await database
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, number)))
    .limit(1);
  return row ?? null;
}

async function namesOf(
  database: Executor,
  ids: { sections: string[]; people: string[]; tags: string[] },
): Promise<DiffLookups> {
  const unique = (list: string[]) => [...new Set(list)];
  const [sectionRows, peopleRows, tagRows] = await Promise.all([
    ids.sections.length
      ? database
          .select({ id: sections.id, name: sections.name })
          .from(sections)
          .where(inArray(sections.id, unique(ids.sections)))
      : [],
    ids.people.length
      ? database
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, unique(ids.people)))
      : [],
    ids.tags.length
      ? database
          .select({ id: tags.id, name: tags.name })
          .from(tags)
          .where(inArray(tags.id, unique(ids.tags)))
      : [],
  ]);
  const toMap = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { sections: toMap(sectionRows), people: toMap(peopleRows), tags: toMap(tagRows) };
}

export type RevisionView = {
  story: StorySummary;
  revision: ArticleRevision & {
    by: string;
    sectionName: string;
    bylines: string[];
    tagNames: string[];
    published: boolean;
    live: boolean;
    current: boolean;
  };
  /** Related-story teasers as readers would get them now (live stories only). */
  related: ReadonlyMap<string, RelatedTeaser>;
};

/** One revision as it was, for reading it with the reader site's renderer. */
export async function getRevision(
  actor: Actor,
  articleId: string,
  number: number,
): Promise<RevisionView | null> {
  const database = await db();
  const loaded = await visible(database, actor, articleId);
  if (!loaded) return null;
  const revision = await revisionByNumber(database, articleId, number);
  if (!revision) return null;
  const names = await namesOf(database, {
    sections: [revision.sectionId],
    people: [revision.createdBy, ...revision.authorIds],
    tags: revision.tagIds,
  });
  const all = await database
    .select({
      id: articleRevisions.id,
      number: articleRevisions.number,
      createdAt: articleRevisions.createdAt,
    })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(asc(articleRevisions.number));
  const [published, related] = await Promise.all([
    publishedRevisionIds(database, loaded, all),
    relatedTeasers(revision.body),
  ]);
  return {
    story: summary(actor, loaded),
    related,
    revision: {
      ...revision,
      by: names.people.get(revision.createdBy) ?? "Unknown",
      sectionName: names.sections.get(revision.sectionId) ?? "",
      bylines: revision.authorIds.map((id) => names.people.get(id) ?? "Unknown"),
      tagNames: revision.tagIds.map((id) => names.tags.get(id) ?? "Unknown"),
      published: published.has(revision.id),
      live: isLive(loaded, revision.id),
      current: revision.id === loaded.article.workingRevisionId,
    },
  };
}

export type RevisionOption = { number: number; kind: RevisionKind; createdAt: Date };
export type RevisionMeta = RevisionOption & { id: string; by: string };

export type RevisionComparison = {
  story: StorySummary;
  /** Every revision, newest first, for the "From"/"To" choices. */
  options: RevisionOption[];
  from: RevisionMeta;
  to: RevisionMeta;
  diff: RevisionDiff;
};

/**
 * The readable difference between two revisions of a story (either order). Without numbers it
 * compares the current revision with the one before it. Null when the story is not visible or
 * a number does not exist.
 */
export async function compareRevisions(
  actor: Actor,
  articleId: string,
  fromRequested: number | null,
  toRequested: number | null,
): Promise<RevisionComparison | null> {
  const database = await db();
  const loaded = await visible(database, actor, articleId);
  if (!loaded) return null;
  const toNumber = toRequested ?? loaded.working!.number;
  const fromNumber = fromRequested ?? Math.max(1, toNumber - 1);
  const [from, to] = await Promise.all([
    revisionByNumber(database, articleId, fromNumber),
    revisionByNumber(database, articleId, toNumber),
  ]);
  if (!from || !to) return null;
  const [names, options] = await Promise.all([
    namesOf(database, {
      sections: [from.sectionId, to.sectionId],
      people: [from.createdBy, to.createdBy, ...from.authorIds, ...to.authorIds],
      tags: [...from.tagIds, ...to.tagIds],
    }),
    database
      .select({
        number: articleRevisions.number,
        kind: articleRevisions.kind,
        createdAt: articleRevisions.createdAt,
      })
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, articleId))
      .orderBy(desc(articleRevisions.number)),
  ]);
  const meta = (r: ArticleRevision): RevisionMeta => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    createdAt: r.createdAt,
    by: names.people.get(r.createdBy) ?? "Unknown",
  });
  return {
    story: summary(actor, loaded),
    options,
    from: meta(from),
    to: meta(to),
    diff: diffRevisions(from, to, names),
  };
}
