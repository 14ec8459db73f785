import { articlePath, sectionPath } from "@/lib/reader/paths";
import type { StoryCard as Card } from "@/server/reader/queries";
import { Byline } from "./byline";
import { Picture } from "./picture";
import { TimeStamp } from "./time-stamp";

type Level = 2 | 3;

/** One story: a link named by its headline, with kicker, standfirst, byline and time. */
export function StoryCard({
  story,
  level = 3,
  kicker = true,
  image = false,
  eager = false,
  className,
}: {
  story: Card;
  level?: Level;
  kicker?: boolean;
  image?: boolean;
  eager?: boolean;
  className?: string;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <article className={className ? `story-card ${className}` : "story-card"}>
      {image && story.featuredImage ? (
        <Picture
          image={story.featuredImage}
          sizes="(min-width: 60rem) 40rem, 100vw"
          eager={eager}
        />
      ) : null}
      {kicker ? (
        <p className="kicker">
          <a href={sectionPath(story.sectionSlug)} dir="auto">
            {story.sectionName}
          </a>
        </p>
      ) : null}
      <Heading className="story-headline">
        <a href={articlePath(story.sectionSlug, story.slug)} dir="auto">
          {story.headline}
        </a>
      </Heading>
      {story.standfirst ? (
        <p className="story-standfirst" dir="auto">
          {story.standfirst}
        </p>
      ) : null}
      <p className="meta">
        <Byline authors={story.byline} links={false} />
        {story.byline.length > 0 ? " · " : null}
        <TimeStamp date={story.publishedAt} />
      </p>
    </article>
  );
}

/** A list of stories. */
export function StoryList({
  stories,
  level = 3,
  kicker = true,
}: {
  stories: Card[];
  level?: Level;
  kicker?: boolean;
}) {
  return (
    <ul className="story-list">
      {stories.map((s) => (
        <li key={s.articleId}>
          <StoryCard story={s} level={level} kicker={kicker} />
        </li>
      ))}
    </ul>
  );
}
