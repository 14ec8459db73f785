import { StoryCardList } from "@/components/site/story-card-list";
import { latestStories } from "@/server/reader/queries";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const stories = await latestStories(30);
  return (
    <>
      <h1 className="visually-hidden">Latest news</h1>
      {stories.length === 0 ? (
        <p style={{ margin: "3rem 0" }}>No stories have been published yet.</p>
      ) : (
        <StoryCardList stories={stories} lead />
      )}
    </>
  );
}
