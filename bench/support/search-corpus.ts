import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { sections } from "@/db/schema";
import { staffUser } from "./seed";
import { prng, VOCABULARY } from "./text";

/**
 * A vocabulary with a news word list at the top and made-up words (syllable pairs and
 * triples, like the place and person names of a real archive) below it. Words are drawn
 * log-uniformly by rank, which approximates Zipf's law: a few words are in most stories,
 * most words in few. With the news words alone every query would match half the archive,
 * which no real archive does.
 */
const SYLLABLES = "ba ke lo mi nu ra se ti vo za dre sha pol tan mer gor lin ves cor dun".split(
  " ",
);
export const ARCHIVE_VOCABULARY = (() => {
  const made: string[] = [];
  for (const a of SYLLABLES) for (const b of SYLLABLES) made.push(a + b);
  for (const a of SYLLABLES)
    for (const b of SYLLABLES) for (const c of SYLLABLES) made.push(a + b + c);
  const shuffled = prng(7);
  made.sort(() => shuffled() - 0.5);
  return [...VOCABULARY, ...made];
})();

/** Draws a word index the way the SQL below does: floor(exp(u·ln N)) - 1. */
function zipfWord(rand: () => number): string {
  const n = ARCHIVE_VOCABULARY.length;
  return ARCHIVE_VOCABULARY[Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n))) - 1)]!;
}

/**
 * `count` live stories written straight into articles, article_revisions and
 * published_articles by set-based SQL (text generated here, 5,000 rows a statement),
 * `words` words each; search_documents (written by the trigger on published_articles) and
 * its GIN index are PostgreSQL's own work, as in production.
 */
export async function seedArchive(
  handle: DatabaseHandle,
  count: number,
  words: number,
  log: (line: string) => void,
): Promise<void> {
  const database = handle.db;
  const author = await staffUser(handle, "reporter", "Archive Reporter");
  const [section] = await database.select().from(sections).limit(1);
  const rand = prng(2026);
  const phrase = (n: number) => Array.from({ length: n }, () => zipfWord(rand)).join(" ");
  const title = (t: string) => t.replace(/\b\w/g, (c) => c.toUpperCase());
  const CHUNK = 5_000;
  const started = performance.now();
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK);
    const rows: { g: number; headline: string; standfirst: string; body_text: string }[] = [];
    for (let g = from + 1; g <= to; g++) {
      rows.push({
        g,
        headline: title(phrase(7)),
        standfirst: `${title(phrase(20))}.`,
        body_text: phrase(words),
      });
    }
    await database.transaction(async (tx) => {
      await tx.execute(sql`
        create temp table archive on commit drop as
        select r.g, gen_random_uuid() as aid, gen_random_uuid() as rid, r.headline,
          r.standfirst, r.body_text, now() - make_interval(mins => r.g * 5) as at
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as r(g int, headline text, standfirst text, body_text text)`);
      await tx.execute(sql`
        insert into articles (id, slug, status, version, created_by, created_at, updated_at,
          submitted_at, first_published_at, last_published_at)
        select aid, 'archive-' || g, 'published', 1, ${author.id}, at, at, at, at, at from archive`);
      await tx.execute(sql`
        insert into article_revisions (id, article_id, number, kind, headline, standfirst,
          dateline, source, section_id, body, body_text, author_ids, word_count, created_by, created_at)
        select rid, aid, 1, 'manual', headline, standfirst, 'LONDON (Agency)', 'Archive',
          ${section!.id}, jsonb_build_object('type', 'doc', 'content', jsonb_build_array(
            jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(
              jsonb_build_object('type', 'text', 'text', body_text))))),
          body_text, array[${author.id}]::uuid[], ${words}, ${author.id}, at
        from archive`);
      await tx.execute(sql`
        update articles a set working_revision_id = x.rid, published_revision_id = x.rid
        from archive x where x.aid = a.id`);
      await tx.execute(sql`
        insert into article_authors (article_id, user_id, position)
        select aid, ${author.id}, 0 from archive`);
      await tx.execute(sql`
        insert into published_articles (article_id, revision_id, slug, section_id, headline,
          standfirst, dateline, source, body, body_text, byline, tags, published_at, updated_at)
        select x.aid, x.rid, 'archive-' || x.g, ${section!.id}, x.headline, x.standfirst,
          'LONDON (Agency)', 'Archive', r.body, x.body_text,
          ${JSON.stringify([{ id: author.id, name: "Archive Reporter", slug: "archive-reporter" }])}::jsonb,
          '[]'::jsonb, x.at, x.at
        from archive x join article_revisions r on r.id = x.rid`);
    });
    log(
      `  archive: ${to.toLocaleString("en")} stories (${Math.round((performance.now() - started) / 1000)} s)`,
    );
  }
  await database.execute(sql`vacuum analyze published_articles`);
  await database.execute(sql`vacuum analyze search_documents`);
}

/**
 * Reader queries of the kinds people type: one word, two words, a quoted phrase lifted from
 * the archive's vocabulary, an exclusion, an `or`. Words are drawn by the same Zipf-like
 * law as the archive, skipping the few dozen words that are in nearly every story.
 */
export function readerQueries(n: number): string[] {
  const rand = prng(42);
  const word = () => {
    for (;;) {
      const w = zipfWord(rand);
      if (ARCHIVE_VOCABULARY.indexOf(w) >= 30) return w;
    }
  };
  const queries: string[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0:
        queries.push(word());
        break;
      case 1:
        queries.push(`${word()} ${word()}`);
        break;
      case 2:
        queries.push(`"${word()} ${word()}"`);
        break;
      case 3:
        queries.push(`${word()} -${word()}`);
        break;
      default:
        queries.push(`${word()} or ${word()}`);
    }
  }
  return queries;
}
