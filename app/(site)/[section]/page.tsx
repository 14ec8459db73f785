import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StoryCardList } from "@/components/site/story-card-list";
import { latestStories, sectionBySlug } from "@/server/reader/queries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ section: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const section = await sectionBySlug((await params).section);
  return section ? { title: section.name, description: section.description } : {};
}

export default async function SectionPage({ params }: Props) {
  const section = await sectionBySlug((await params).section);
  if (!section) notFound();
  const stories = await latestStories(30, section.slug);
  return (
    <>
      <h1>{section.name}</h1>
      {section.description ? <p className="meta">{section.description}</p> : null}
      {stories.length === 0 ? (
        <p>No stories in this section yet.</p>
      ) : (
        <StoryCardList stories={stories} />
      )}
    </>
  );
}
