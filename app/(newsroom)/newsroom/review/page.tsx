import { notFound } from "next/navigation";
import { StoryTable } from "@/components/newsroom/story-table";
import { reviewQueue } from "@/server/articles/queries/story-lists";
import { currentActor } from "@/server/auth/session";
import { can } from "@/server/policy";

export const dynamic = "force-dynamic";
export const metadata = { title: "Review queue" };

export default async function ReviewQueuePage() {
  const actor = (await currentActor())!;
  if (!can(actor, "article.review")) notFound();
  return (
    <>
      <h1>Review queue</h1>
      <StoryTable stories={await reviewQueue(actor)} empty="Nothing is waiting for review." />
    </>
  );
}
