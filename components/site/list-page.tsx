import type { ReactNode } from "react";
import type { StoryCard as Card } from "@/server/reader/queries";
import { Pagination } from "./pagination";
import { StoryList } from "./story-list";

/** A section, tag or author page: a heading, an introduction, and paginated stories. */
export function ListPage({
  kicker,
  title,
  intro,
  stories,
  empty,
  page,
  total,
  perPage,
  basePath,
  showKicker = true,
}: {
  kicker?: string;
  title: string;
  intro?: ReactNode;
  stories: Card[];
  empty: string;
  page: number;
  total: number;
  perPage: number;
  basePath: string;
  showKicker?: boolean;
}) {
  return (
    <>
      <header className="list-header">
        {kicker ? <p className="kicker">{kicker}</p> : null}
        <h1 dir="auto">{title}</h1>
        {intro}
      </header>
      {stories.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <StoryList stories={stories} level={2} kicker={showKicker} />
      )}
      <Pagination basePath={basePath} page={page} total={total} perPage={perPage} />
    </>
  );
}
