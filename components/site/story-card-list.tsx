import Link from "next/link";
import type { StoryCard } from "@/server/reader/queries";
import { Byline } from "./byline";

/** A list of stories, each a link named by its headline. */
export function StoryCardList({ stories, lead = false }: { stories: StoryCard[]; lead?: boolean }) {
  return (
    <ul className="story-list">
      {stories.map((s, i) => (
        <li key={`${s.sectionSlug}/${s.slug}`} className={lead && i === 0 ? "lead" : undefined}>
          <Link className="kicker" href={`/${s.sectionSlug}`}>
            {s.sectionName}
          </Link>
          <h2>
            <Link href={`/${s.sectionSlug}/${s.slug}`} dir="auto">
              {s.headline}
            </Link>
          </h2>
          {s.standfirst ? <p dir="auto">{s.standfirst}</p> : null}
          <p className="meta">
            <Byline authors={s.byline} /> ·{" "}
            <time dateTime={s.publishedAt.toISOString()}>{formatDate(s.publishedAt)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}

export function formatDate(d: Date): string {
  return new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(d);
}
