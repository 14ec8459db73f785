import type { RelatedTeaser } from "@/lib/content/render";
import { renderDoc } from "@/lib/content/render";
import { formatDate } from "@/lib/reader/format";
import { sectionPath, tagPath } from "@/lib/reader/paths";
import type { CommentsSectionData } from "@/server/comments/queries/comments-section";
import type { Story, StoryCorrection } from "@/server/reader/article";
import type { StoryCard as Card } from "@/server/reader/queries";
import { Byline } from "./byline";
import { CommentsSection } from "./comments/comments-section";
import { FeaturedFigure } from "./picture";
import { StoryList } from "./story-list";
import { TimeStamp } from "./time-stamp";

const KIND_LABEL: Record<string, string> = {
  correction: "Correction",
  clarification: "Clarification",
  update: "Update",
};

/**
 * First publication writes both times equal; only a later publication (an update, a
 * republish) moves `updatedAt` on.
 */
export function wasUpdated(story: { publishedAt: Date; updatedAt: Date }): boolean {
  return story.updatedAt.getTime() - story.publishedAt.getTime() > 1_000;
}

/** The anatomy of a news article, in reading order. */
export function ArticleView({
  story,
  related,
  corrections,
  more,
  comments,
}: {
  story: Story;
  related: ReadonlyMap<string, RelatedTeaser>;
  corrections: StoryCorrection[];
  more: Card[];
  comments?: CommentsSectionData | null;
}) {
  return (
    <>
      <article className="article">
        <header className="article-header">
          <p className="kicker">
            <a href={sectionPath(story.sectionSlug)} dir="auto">
              {story.sectionName}
            </a>
          </p>
          <h1 dir="auto">{story.headline}</h1>
          {story.standfirst ? (
            <p className="standfirst" dir="auto">
              {story.standfirst}
            </p>
          ) : null}
        </header>
        {story.featuredImage ? <FeaturedFigure image={story.featuredImage} eager /> : null}
        <div className="article-meta">
          {story.byline.length > 0 ? (
            <p className="byline">
              <Byline authors={story.byline} />
            </p>
          ) : null}
          <p className="meta">
            Published <TimeStamp date={story.publishedAt} />
            {wasUpdated(story) ? (
              <>
                {" "}
                · Updated <TimeStamp date={story.updatedAt} />
              </>
            ) : null}
          </p>
        </div>
        <div className="article-body" dir="auto">
          {renderDoc(story.body, { dateline: story.dateline, related })}
        </div>
        {story.source ? (
          <p className="source" dir="auto">
            Source: {story.source}
          </p>
        ) : null}
        {corrections.length > 0 ? (
          <section className="corrections" aria-labelledby="corrections-heading">
            <h2 id="corrections-heading">Corrections and updates</h2>
            <ul>
              {corrections.map((c) => (
                <li key={`${c.createdAt.toISOString()}-${c.note}`}>
                  <strong>{KIND_LABEL[c.kind] ?? "Correction"}</strong>,{" "}
                  <time dateTime={c.createdAt.toISOString()}>{formatDate(c.createdAt)}</time>:{" "}
                  <span dir="auto">{c.note}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {story.tags.length > 0 ? (
          <nav className="tags" aria-label="Tags">
            <ul>
              {story.tags.map((t) => (
                <li key={t.slug}>
                  <a href={tagPath(t.slug)} rel="tag" dir="auto">
                    {t.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </article>
      {more.length > 0 ? (
        <section className="more-in-section" aria-labelledby="more-heading">
          <h2 id="more-heading" dir="auto">
            More in {story.sectionName}
          </h2>
          <StoryList stories={more} kicker={false} />
        </section>
      ) : null}
      {comments ? <CommentsSection {...comments} /> : null}
    </>
  );
}
