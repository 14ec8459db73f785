import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { sections } from "@/db/schema";
import { publishStagedStories } from "../../test/support/staged-stories";
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
        create temp table staged_stories on commit drop as
        select gen_random_uuid() as aid, gen_random_uuid() as rid, 'archive-' || r.g as slug,
          r.headline, r.standfirst, r.body_text, now() - make_interval(mins => r.g * 5) as at
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as r(g int, headline text, standfirst text, body_text text)`);
      await publishStagedStories(tx, {
        author: { id: author.id, name: "Archive Reporter", slug: "archive-reporter" },
        sectionId: section!.id,
        source: "Archive",
        wordCount: words,
      });
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
