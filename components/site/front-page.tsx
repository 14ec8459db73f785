import { sectionPath } from "@/lib/reader/paths";
import type { StoryCard as Card, NavSection } from "@/server/reader/queries";
import { StoryCard, StoryList } from "./story-list";

export type FrontPageData = {
  siteName: string;
  lead: Card | null;
  top: Card[];
  latest: Card[];
  rails: { section: NavSection; stories: Card[] }[];
};

/** Home: the lead story, top stories, the latest, then a rail per section. */
export function FrontPage({ siteName, lead, top, latest, rails }: FrontPageData) {
  return (
    <>
      <h1 className="visually-hidden">{siteName}: the latest news</h1>
      {lead ? (
        <section className="front-top" aria-labelledby="top-stories">
          <h2 id="top-stories" className="visually-hidden">
            Top stories
          </h2>
          <StoryCard story={lead} className="lead" image eager />
          {top.length > 0 ? (
            <ul className="story-list top-stories">
              {top.map((s) => (
                <li key={s.articleId}>
                  <StoryCard story={s} />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : (
        <p className="empty-state">No stories have been published yet. Please come back soon.</p>
      )}
      {latest.length > 0 ? (
        <section className="front-latest" aria-labelledby="latest-stories">
          <h2 id="latest-stories" className="rail-heading">
            Latest
          </h2>
          <StoryList stories={latest} />
        </section>
      ) : null}
      <div className="rails">
        {rails.map(({ section, stories }) => (
          <section key={section.id} className="rail" aria-labelledby={`rail-${section.slug}`}>
            <h2 id={`rail-${section.slug}`} className="rail-heading">
              <a href={sectionPath(section.slug)} dir="auto">
                {section.name}
              </a>
            </h2>
            <StoryList stories={stories} kicker={false} />
          </section>
        ))}
      </div>
    </>
  );
}
