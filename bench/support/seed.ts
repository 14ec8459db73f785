import crypto from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import {
  articleAuthors,
  articleRevisions,
  articles,
  publishedArticles,
  sections,
} from "@/db/schema";
import { countWords, docToText } from "@/lib/content/text";
import { slugify } from "@/lib/slug";
import { createArticle } from "@/server/articles/commands/create-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import type { SessionClaims } from "@/server/auth/actor";
import { setDatabase } from "@/server/db";
import type { Result } from "@/server/errors";
import { createUserRow } from "@/server/users/create-user-row";
import { headlineText, prng, sentence, storyBody } from "./text";

export type StaffLogin = { id: string; email: string; password: string; claims: SessionClaims };
export type SeededStory = { id: string; path: string; headline: string };
export type SeededNewsroom = {
  reporter: StaffLogin;
  editor: StaffLogin;
  /** Published through the real commands (create, submit, approve, publish). */
  viaCommands: SeededStory[];
  /** Written by bulk SQL, row for row what publishing writes (see seedNewsroom). */
  bulk: SeededStory[];
};

export const STAFF_PASSWORD = "bench staff password 2026";

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

export async function staffUser(
  handle: DatabaseHandle,
  role: "reporter" | "editor" | "admin",
  name: string,
): Promise<StaffLogin> {
  const email = `${slugify(name)}-${crypto.randomBytes(3).toString("hex")}@bench.example`;
  const row = await createUserRow(handle.db, { name, email, role, password: STAFF_PASSWORD });
  return {
    id: row.id,
    email,
    password: STAFF_PASSWORD,
    claims: { userId: row.id, sessionVersion: 1 },
  };
}

const DATELINES = ["LONDON (Agency)", "PARIS (Agency)", "NAIROBI (Agency)", "LIMA (Agency)"];

function storyFields(n: number, sectionId: string) {
  const rand = prng(1000 + n);
  return {
    headline: headlineText(rand),
    standfirst: sentence(rand, 18),
    dateline: DATELINES[n % DATELINES.length]!,
    source: "Bench desk",
    sectionId,
    body: storyBody(rand, 8 + Math.floor(rand() * 5)),
  };
}

/** A story through the desk as a newsroom does it: draft, review, approval, publication. */
export async function publishThroughCommands(
  reporter: StaffLogin,
  editor: StaffLogin,
  fields: ReturnType<typeof storyFields>,
): Promise<string> {
  const { id } = ok(await createArticle.execute(reporter.claims, fields)) as { id: string };
  let status = "draft";
  for (const [name, who] of [
    ["submit", reporter],
    ["approve", editor],
    ["publish", editor],
  ] as const) {
    const data = ok(
      await TRANSITION_COMMANDS[name].execute(who.claims, { id, fromStatus: status }),
    ) as { status: string };
    status = data.status;
  }
  return id;
}

/**
 * `total` published stories: the first `viaCommands` through the real commands (so the
 * benchmarked article and the stories updated later are real publications, with audit rows
 * and the outbox), the rest by bulk insert. Each bulk story copies a real publication's
 * rows (articles, its one revision, its byline, its published_articles row) with new ids,
 * its own generated text, body_text and word count computed by the same functions the
 * save path uses, and a publication time spread over the last few weeks. What bulk stories
 * lack: workflow_events audit rows and outbox entries (nothing reads them on a reader page).
 */
export async function seedNewsroom(
  handle: DatabaseHandle,
  total: number,
  viaCommands: number,
  log: (line: string) => void = () => {},
): Promise<SeededNewsroom> {
  setDatabase(handle);
  const database = handle.db;
  const reporter = await staffUser(handle, "reporter", "Bench Reporter");
  const editor = await staffUser(handle, "editor", "Bench Editor");
  const allSections = await database.select().from(sections).orderBy(sections.position);
  const sectionSlug = new Map(allSections.map((s) => [s.id, s.slug]));

  const started = performance.now();
  const realIds: string[] = [];
  for (let n = 0; n < viaCommands; n++) {
    const section = allSections[n % allSections.length]!;
    realIds.push(await publishThroughCommands(reporter, editor, storyFields(n, section.id)));
  }
  log(`${viaCommands} stories published through the commands in ${msSince(started)} ms`);

  const templateArticles = await database
    .select()
    .from(articles)
    .where(inArray(articles.id, realIds));
  const templateRevisions = await database
    .select()
    .from(articleRevisions)
    .where(
      inArray(
        articleRevisions.id,
        templateArticles.map((a) => a.publishedRevisionId!),
      ),
    );
  const templateLive = await database
    .select()
    .from(publishedArticles)
    .where(inArray(publishedArticles.articleId, realIds));
  const template = {
    article: templateArticles[0]!,
    revision: templateRevisions[0]!,
    live: templateLive.find((l) => l.articleId === templateArticles[0]!.id)!,
  };

  const bulkStarted = performance.now();
  const bulk: SeededStory[] = [];
  const BATCH = 250;
  const now = Date.now();
  for (let from = viaCommands; from < total; from += BATCH) {
    const articleRows: (typeof articles.$inferInsert)[] = [];
    const revisionRows: (typeof articleRevisions.$inferInsert)[] = [];
    const authorRows: (typeof articleAuthors.$inferInsert)[] = [];
    const liveRows: (typeof publishedArticles.$inferInsert)[] = [];
    for (let n = from; n < Math.min(total, from + BATCH); n++) {
      const section = allSections[n % allSections.length]!;
      const fields = storyFields(n, section.id);
      const id = crypto.randomUUID();
      const revisionId = crypto.randomUUID();
      const slug = `${slugify(fields.headline, 70)}-${n}`;
      const at = new Date(now - (n - viaCommands + 1) * 7 * 60_000);
      const bodyText = docToText(fields.body);
      articleRows.push({
        ...template.article,
        id,
        slug,
        workingRevisionId: null,
        publishedRevisionId: null,
        createdAt: at,
        updatedAt: at,
        submittedAt: at,
        firstPublishedAt: at,
        lastPublishedAt: at,
      });
      revisionRows.push({
        ...template.revision,
        ...fields,
        id: revisionId,
        articleId: id,
        bodyText,
        wordCount: countWords(bodyText),
        createdAt: at,
      });
      authorRows.push({ articleId: id, userId: reporter.id, position: 0 });
      liveRows.push({
        ...template.live,
        ...fields,
        articleId: id,
        revisionId,
        slug,
        bodyText,
        publishedAt: at,
        updatedAt: at,
      });
      bulk.push({ id, path: `/${section.slug}/${slug}`, headline: fields.headline });
    }
    await database.transaction(async (tx) => {
      await tx.insert(articles).values(articleRows);
      await tx.insert(articleRevisions).values(revisionRows);
      await tx.execute(sql`
        update articles set working_revision_id = r.id, published_revision_id = r.id
        from article_revisions r
        where r.article_id = articles.id and articles.published_revision_id is null`);
      await tx.insert(articleAuthors).values(authorRows);
      await tx.insert(publishedArticles).values(liveRows);
    });
  }
  log(`${total - viaCommands} stories written by bulk insert in ${msSince(bulkStarted)} ms`);
  await database.execute(sql`analyze`);

  const realLive = await database
    .select({
      id: publishedArticles.articleId,
      slug: publishedArticles.slug,
      headline: publishedArticles.headline,
      sectionId: publishedArticles.sectionId,
    })
    .from(publishedArticles)
    .where(inArray(publishedArticles.articleId, realIds));
  const byId = new Map(realLive.map((r) => [r.id, r]));
  return {
    reporter,
    editor,
    viaCommands: realIds.map((id) => {
      const r = byId.get(id)!;
      return { id, path: `/${sectionSlug.get(r.sectionId)}/${r.slug}`, headline: r.headline };
    }),
    bulk,
  };
}

/** A draft for an editor to keep saving (the soak's editors each own one). */
export async function draftFor(author: StaffLogin, n: number): Promise<{ id: string }> {
  const { db } = await import("@/server/db");
  const [section] = await (await db()).select().from(sections).limit(1);
  return ok(await createArticle.execute(author.claims, storyFields(100_000 + n, section!.id))) as {
    id: string;
  };
}

function msSince(start: number): number {
  return Math.round(performance.now() - start);
}
