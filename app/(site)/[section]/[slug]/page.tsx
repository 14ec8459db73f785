import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Byline } from "@/components/site/byline";
import { formatDate } from "@/components/site/story-card-list";
import { renderDoc } from "@/lib/content/render";
import { publishedStory, relatedTeasers } from "@/server/reader/queries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ section: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { section, slug } = await params;
  const story = await publishedStory(section, slug);
  if (!story) return {};
  return { title: story.headline, description: story.standfirst };
}

export default async function ArticlePage({ params }: Props) {
  const { section, slug } = await params;
  const story = await publishedStory(section, slug);
  if (!story) notFound();
  const related = await relatedTeasers(story.body);
  const updated = story.updatedAt.getTime() - story.publishedAt.getTime() > 60_000;
  return (
    <article className="article">
      <Link className="kicker" href={`/${story.sectionSlug}`}>
        {story.sectionName}
      </Link>
      <h1 dir="auto">{story.headline}</h1>
      {story.standfirst ? (
        <p className="standfirst" dir="auto">
          {story.standfirst}
        </p>
      ) : null}
      <p className="byline">
        <Byline authors={story.byline} />
      </p>
      <p className="meta">
        Published{" "}
        <time dateTime={story.publishedAt.toISOString()}>{formatDate(story.publishedAt)}</time>
        {updated ? (
          <>
            {" "}
            · Updated{" "}
            <time dateTime={story.updatedAt.toISOString()}>{formatDate(story.updatedAt)}</time>
          </>
        ) : null}
      </p>
      <div className="article-body" dir="auto">
        {renderDoc(story.body, { dateline: story.dateline, related })}
      </div>
      {story.source ? <p className="source">Source: {story.source}</p> : null}
    </article>
  );
}
