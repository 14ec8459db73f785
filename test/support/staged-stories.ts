import { type SQL, sql } from "drizzle-orm";

/** A database or a transaction: anything that runs a query. */
type Executor = { execute: (query: SQL) => Promise<unknown> };

export type StagedStoryDefaults = {
  author: { id: string; name: string; slug: string };
  sectionId: string;
  source: string;
  wordCount: number;
};

/**
 * Publishes the stories staged in the temporary table `staged_stories` (columns `aid`,
 * `rid`, `slug`, `headline`, `standfirst`, `body_text`, `at`) by set-based SQL: the rows
 * publishing writes (the article, its one revision, its byline and the public copy), for
 * suites and benches that need more live stories than the desk can publish in their time.
 * search_documents follows from its trigger on published_articles, as in production.
 */
export async function publishStagedStories(tx: Executor, d: StagedStoryDefaults): Promise<void> {
  const byline = JSON.stringify([d.author]);
  await tx.execute(sql`
    insert into articles (id, slug, status, version, created_by, created_at, updated_at,
      submitted_at, first_published_at, last_published_at)
    select aid, slug, 'published', 1, ${d.author.id}, at, at, at, at, at from staged_stories`);
  await tx.execute(sql`
    insert into article_revisions (id, article_id, number, kind, headline, standfirst,
      dateline, source, section_id, body, body_text, author_ids, word_count, created_by, created_at)
    select rid, aid, 1, 'manual', headline, standfirst, 'LONDON (Agency)', ${d.source},
      ${d.sectionId}, jsonb_build_object('type', 'doc', 'content', jsonb_build_array(
        jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(
          jsonb_build_object('type', 'text', 'text', body_text))))),
      body_text, array[${d.author.id}]::uuid[], ${d.wordCount}, ${d.author.id}, at
    from staged_stories`);
  await tx.execute(sql`
    update articles a set working_revision_id = s.rid, published_revision_id = s.rid
    from staged_stories s where s.aid = a.id`);
  await tx.execute(sql`
    insert into article_authors (article_id, user_id, position)
    select aid, ${d.author.id}, 0 from staged_stories`);
  await tx.execute(sql`
    insert into published_articles (article_id, revision_id, slug, section_id, headline,
      standfirst, dateline, source, body, body_text, byline, tags, published_at, updated_at)
    select s.aid, s.rid, s.slug, ${d.sectionId}, s.headline, s.standfirst, 'LONDON (Agency)',
      ${d.source}, r.body, s.body_text, ${byline}::jsonb, '[]'::jsonb, s.at, s.at
    from staged_stories s join article_revisions r on r.id = s.rid`);
}
