import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { publishedArticles, sections } from "@/db/schema";
import { MARK_END, MARK_START, normalizeSearchQuery } from "@/lib/reader/search-text";
import { prepared } from "./prepared";
import { type StoryCard, storyCardColumns } from "./queries";

/**
 * Full-text search over live stories (`published_articles.search_vector`: headline weight A,
 * standfirst B, body C). The person's words go to websearch_to_tsquery as a bound parameter:
 * it understands "quoted phrases", -exclusions and `or`, and never raises on odd syntax, so
 * no input can make the query fail (THREATS 31). Ranked by ts_rank (normalised by length so a
 * long story does not win by size alone), newest first among equals. ts_headline marks matches
 * with private-use characters that the page turns into <mark> elements; no HTML comes from
 * the database.
 */

export type SearchHit = StoryCard & { snippet: string };
export type SearchResult = { query: string; hits: SearchHit[]; total: number };

const ph = sql.placeholder;
const tsquery = () => sql`websearch_to_tsquery('english', ${ph("q")})`;
const rank = () => sql`ts_rank(${publishedArticles.searchVector}, ${tsquery()}, 1)`;

/** Ask ts_headline for marker characters, never tags; a couple of short fragments. */
const HEADLINE_OPTIONS = `StartSel="${MARK_START}", StopSel="${MARK_END}", MaxWords=32, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;
/** ts_headline reads at most this much of a story: it costs time in proportion to the text. */
const SNIPPET_SOURCE_CHARS = 20_000;

const searchStatement = prepared("reader_search", (db) => {
  const hits = db
    .select({
      id: sql<string>`${publishedArticles.articleId}`.as("h_id"),
      rank: sql<number>`${rank()}`.as("h_rank"),
      total: sql<number>`(count(*) over ())::int`.as("h_total"),
    })
    .from(publishedArticles)
    .where(sql`${publishedArticles.searchVector} @@ ${tsquery()}`)
    .orderBy(desc(rank()), desc(publishedArticles.publishedAt), desc(publishedArticles.articleId))
    .limit(ph("limit"))
    .offset(ph("offset"))
    .as("hits");
  // The snippet is computed for this page's rows only (outside the ranked subquery).
  const source = sql`translate(${publishedArticles.standfirst} || E'\n' || left(${publishedArticles.bodyText}, ${sql.raw(String(SNIPPET_SOURCE_CHARS))}), ${`${MARK_START}${MARK_END}`}, '')`;
  return db
    .select({
      ...storyCardColumns,
      total: hits.total,
      snippet: sql<string>`ts_headline('english', ${source}, ${tsquery()}, ${ph("options")})`,
    })
    .from(hits)
    .innerJoin(publishedArticles, eq(publishedArticles.articleId, hits.id))
    .innerJoin(sections, eq(sections.id, publishedArticles.sectionId))
    .orderBy(
      desc(hits.rank),
      desc(publishedArticles.publishedAt),
      desc(publishedArticles.articleId),
    )
    .prepare("reader_search");
});

export async function searchStories(
  rawQuery: unknown,
  page: number,
  perPage: number,
): Promise<SearchResult> {
  const query = normalizeSearchQuery(rawQuery);
  if (!query) return { query, hits: [], total: 0 };
  const rows = await (await searchStatement()).execute({
    q: query,
    limit: perPage,
    offset: (page - 1) * perPage,
    options: HEADLINE_OPTIONS,
  });
  return {
    query,
    hits: rows.map(({ total: _t, ...hit }) => hit),
    total: rows[0]?.total ?? 0,
  };
}
