-- Reader search moves to a narrow table of its own (db/schema/published.ts explains why),
-- kept in step with published_articles by a trigger, so that no writer can forget it.
CREATE TABLE "search_documents" (
	"article_id" uuid PRIMARY KEY NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"title_vector" "tsvector" NOT NULL,
	"search_vector" "tsvector" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_article_id_published_articles_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."published_articles"("article_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Headline (A) and standfirst (B): what search ranks by.
CREATE FUNCTION search_title_vector(headline text, standfirst text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english', coalesce(headline, '')), 'A')
      || setweight(to_tsvector('english', coalesce(standfirst, '')), 'B')
$$;
--> statement-breakpoint
-- What search matches: the title vector, the body (C; capped so that a 1 MB story cannot
-- exceed the tsvector limit) and the story's UTC date as 17 lexemes `b{L} {d >> L}`: day d
-- (counted from 1900-01-01) in aligned blocks of 1, 2, 4 ... 65,536 days. The space in them
-- keeps any reader's words from producing one; server/reader/search-windows.ts asks for the
-- same strings. Dates outside 1900-01-01..2199-12-31 (a clock far off, an import gone wrong)
-- are written as the nearer end.
CREATE FUNCTION search_document_vector(headline text, standfirst text, body_text text, published_at timestamptz)
  RETURNS tsvector LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT search_title_vector(headline, standfirst)
      || setweight(to_tsvector('english', left(coalesce(body_text, ''), 200000)), 'C')
      || array_to_tsvector(ARRAY(SELECT 'b' || level || ' ' || (day >> level)
                                 FROM generate_series(0, 16) AS level))
  FROM (SELECT least(greatest(published_at AT TIME ZONE 'UTC', timestamp '1900-01-01'),
                     timestamp '2199-12-31')::date - date '1900-01-01' AS day) AS clamped
$$;
--> statement-breakpoint
CREATE FUNCTION search_documents_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_documents (article_id, published_at, title_vector, search_vector)
  VALUES (NEW.article_id, NEW.published_at, search_title_vector(NEW.headline, NEW.standfirst),
          search_document_vector(NEW.headline, NEW.standfirst, NEW.body_text, NEW.published_at))
  ON CONFLICT (article_id) DO UPDATE SET
    published_at = EXCLUDED.published_at,
    title_vector = EXCLUDED.title_vector,
    search_vector = EXCLUDED.search_vector;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER published_articles_search_insert
  AFTER INSERT ON published_articles
  FOR EACH ROW EXECUTE FUNCTION search_documents_write();
--> statement-breakpoint
-- Re-publishing rewrites every column; the vectors are worth recomputing only when searched text
-- or the date changed (a comments toggle, a new byline or tag leaves them alone).
CREATE TRIGGER published_articles_search_update
  AFTER UPDATE ON published_articles
  FOR EACH ROW
  WHEN (OLD.headline IS DISTINCT FROM NEW.headline
     OR OLD.standfirst IS DISTINCT FROM NEW.standfirst
     OR OLD.body_text IS DISTINCT FROM NEW.body_text
     OR OLD.published_at IS DISTINCT FROM NEW.published_at)
  EXECUTE FUNCTION search_documents_write();
--> statement-breakpoint
-- Deleting a published_articles row (unpublish) removes its copy by the cascading key above.
INSERT INTO search_documents (article_id, published_at, title_vector, search_vector)
SELECT article_id, published_at, search_title_vector(headline, standfirst),
       search_document_vector(headline, standfirst, body_text, published_at)
FROM published_articles;
--> statement-breakpoint
CREATE INDEX "search_documents_vector_idx" ON "search_documents" USING gin ("search_vector");--> statement-breakpoint
ANALYZE search_documents;--> statement-breakpoint
DROP INDEX "published_articles_search_idx";--> statement-breakpoint
ALTER TABLE "published_articles" DROP COLUMN "search_vector";
