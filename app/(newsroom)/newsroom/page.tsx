import Link from "next/link";
import { StoryTable } from "@/components/newsroom/story-table";
import { dashboardStories } from "@/server/articles/queries/story-lists";
import { currentActor } from "@/server/auth/session";
import { can } from "@/server/policy";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard" };

export default async function Dashboard() {
  const actor = (await currentActor())!;
  const stories = await dashboardStories(actor);
  const desk = can(actor, "article.review");
  return (
    <>
      <h1>Dashboard</h1>
      <p>
        <Link className="button primary" href="/newsroom/articles/new">
          New article
        </Link>{" "}
        {desk ? (
          <Link className="button" href="/newsroom/review">
            Review queue
          </Link>
        ) : null}
      </p>
      <h2>{desk ? "Latest stories" : "My stories"}</h2>
      <StoryTable stories={stories} empty="No stories yet. Start one with New article." />
    </>
  );
}
