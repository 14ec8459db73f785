import Link from "next/link";
import { StoryTable } from "@/components/newsroom/story-table";
import { dashboardStories, myAssignments } from "@/server/articles/queries/story-lists";
import { requireActor } from "@/server/auth/require-actor";
import { can } from "@/server/policy";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard" };

export default async function Dashboard() {
  const actor = await requireActor();
  const [stories, assignments] = await Promise.all([dashboardStories(actor), myAssignments(actor)]);
  const desk = can(actor, "article.review");
  return (
    <>
      <h1>Dashboard</h1>
      <p>
        <Link className="button primary" href="/newsroom/articles/new">
          New article
        </Link>{" "}
        {desk ? (
          <>
            <Link className="button" href="/newsroom/review">
              Review queue
            </Link>{" "}
            <Link className="button" href="/newsroom/assignments/new">
              New assignment
            </Link>
          </>
        ) : null}
      </p>
      {assignments.length > 0 ? (
        <section aria-labelledby="assignments-title">
          <h2 id="assignments-title">Assignments</h2>
          <StoryTable stories={assignments} empty="" />
        </section>
      ) : null}
      <h2>{desk ? "Latest stories" : "My stories"}</h2>
      <StoryTable stories={stories} empty="No stories yet. Start one with New article." />
    </>
  );
}
