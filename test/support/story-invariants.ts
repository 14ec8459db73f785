import fs from "node:fs";
import path from "node:path";
import type { DeskLog } from "./newsroom-desk";

/**
 * What must hold after any fault, read straight from the database:
 * - every save the server acknowledged is there (its revision, with its headline), and no
 *   story's version went backwards;
 * - no story is half-published: its status, its published revision, the reader site's copy
 *   (published_articles), its audit trail (workflow_events) and the cache purge queue (outbox)
 *   all agree.
 * Returns a list of problems; empty means all is well.
 */

export type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export async function checkAcknowledged(query: Query, log: DeskLog): Promise<string[]> {
  const problems: string[] = [];
  if (!log.articles.length) return ["no story was created"];

  const revisions = new Map<string, { headline: string; article_id: string }>();
  for (const row of await query(
    "select id::text, article_id::text, headline from article_revisions where article_id = any($1::uuid[])",
    [log.articles],
  )) {
    revisions.set(String(row.id), {
      headline: String(row.headline),
      article_id: String(row.article_id),
    });
  }
  for (const save of log.saves) {
    const found = revisions.get(save.revisionId);
    if (!found) problems.push(`acknowledged save ${save.revisionId} (v${save.version}) is missing`);
    else if (found.headline !== save.headline || found.article_id !== save.articleId) {
      problems.push(`acknowledged save ${save.revisionId} changed: ${found.headline}`);
    }
  }

  const stories = await query(
    `select a.id::text as id, a.status::text as status, a.version,
            a.published_revision_id::text as published_revision_id,
            p.revision_id::text as live_revision_id,
            p.headline as live_headline, r.headline as published_headline,
            (select e.to_status from workflow_events e
              where e.article_id = a.id and e.to_status is not null
              order by e.id desc limit 1) as last_event_status,
            (select count(*)::int from workflow_events e
              where e.article_id = a.id
                and e.action in ('published', 'update_published', 'unpublished')) as publication_events,
            (select count(*)::int from outbox o
              where o.topic = 'story.changed' and o.payload::jsonb->>'articleId' = a.id::text) as outbox_rows
       from articles a
       left join published_articles p on p.article_id = a.id
       left join article_revisions r on r.id = a.published_revision_id
      where a.id = any($1::uuid[])`,
    [log.articles],
  );
  if (stories.length !== log.articles.length) {
    problems.push(`${log.articles.length - stories.length} created stories are missing`);
  }
  for (const s of stories) {
    const id = String(s.id).slice(0, 8);
    const live = s.live_revision_id !== null;
    if ((s.status === "published") !== live) {
      problems.push(`story ${id} is ${s.status} but ${live ? "is" : "is not"} on the reader site`);
    }
    if (live && s.live_revision_id !== s.published_revision_id) {
      problems.push(
        `story ${id}: reader copy ${s.live_revision_id} ≠ published revision ${s.published_revision_id}`,
      );
    }
    if (live && s.live_headline !== s.published_headline) {
      problems.push(`story ${id}: reader headline differs from its published revision`);
    }
    if (s.last_event_status !== s.status) {
      problems.push(
        `story ${id} is ${s.status} but its last audit row says ${s.last_event_status}`,
      );
    }
    if (s.publication_events !== s.outbox_rows) {
      problems.push(
        `story ${id}: ${s.publication_events} publication audit rows but ${s.outbox_rows} outbox rows`,
      );
    }
    const ackedVersions = log.saves.filter((a) => a.articleId === s.id).map((a) => a.version);
    if (ackedVersions.length && Number(s.version) < Math.max(...ackedVersions)) {
      problems.push(`story ${id} went back to version ${s.version}`);
    }
    const ackedPublications = log.transitions.filter(
      (t) =>
        t.articleId === s.id && ["published", "update_published", "unpublished"].includes(t.action),
    ).length;
    if (Number(s.publication_events) < ackedPublications) {
      problems.push(
        `story ${id}: ${ackedPublications} acknowledged publications, ${s.publication_events} audited`,
      );
    }
  }
  return problems;
}

/** A Query over a PostgreSQL URL; close it when done. */
export async function postgresQuery(
  url: string,
): Promise<{ query: Query; close(): Promise<void> }> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  return {
    query: async (text, params = []) =>
      (await sql.unsafe(text, params as never[])) as unknown as Record<string, unknown>[],
    close: () => sql.end({ timeout: 5 }),
  };
}

/** A Query over an embedded database directory no server holds any more; close it when done. */
export async function pgliteQuery(
  dataDir: string,
): Promise<{ query: Query; close(): Promise<void> }> {
  const lock = path.join(dataDir, "pglite.lock");
  if (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, "utf8"));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      // gone: the lock is stale
    }
    if (alive) throw new Error(`the embedded database is still held by pid ${pid}`);
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(path.join(dataDir, "pgdata"));
  await db.waitReady;
  return {
    query: async (text, params = []) =>
      (await db.query<Record<string, unknown>>(text, params as unknown[])).rows,
    close: () => db.close(),
  };
}
