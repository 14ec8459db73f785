import "server-only";
import { asc, eq } from "drizzle-orm";
import { articleAuthors, articleTags, sections, tags, users } from "@/db/schema";
import type { RelatedTeaser } from "@/lib/content/render";
import type { ArticleStatus } from "@/lib/workflow/states";
import { db } from "../../db";
import { loadFeaturedImage } from "../../media/featured-image";
import { type Actor, canSee } from "../../policy";
import {
  relatedTeasers,
  type Story,
  type StoryCorrection,
  storyCorrections,
} from "../../reader/article";
import { moreInSection, type StoryCard } from "../../reader/queries";
import { articleScope, loadArticle } from "../load";

export type StoryPreview = {
  status: ArticleStatus;
  /** The working copy differs from what readers see now (or the story is not live at all). */
  unpublishedChanges: boolean;
  isLive: boolean;
  /** The working copy in the shape the reader site's article view takes. */
  story: Story;
  related: ReadonlyMap<string, RelatedTeaser>;
  corrections: StoryCorrection[];
  more: StoryCard[];
};

/**
 * The working copy of a story exactly as the reader site would show it if it were published
 * now: the same fields, in the same shape, for the same view. Null when the actor may not see
 * the story (the page answers 404, as for one that does not exist).
 */
export async function getStoryPreview(
  actor: Actor,
  articleId: string,
): Promise<StoryPreview | null> {
  const database = await db();
  const loaded = await loadArticle(database, articleId);
  if (!loaded?.working || !canSee(actor, articleScope(loaded))) return null;
  const { article, working } = loaded;
  const now = new Date();
  const [[section], byline, tagRows, featuredImage] = await Promise.all([
    database
      .select({ id: sections.id, slug: sections.slug, name: sections.name })
      .from(sections)
      .where(eq(sections.id, working.sectionId))
      .limit(1),
    // The byline as publishing writes it: the story's bylines in order.
    database
      .select({ id: users.id, name: users.name, slug: users.slug })
      .from(articleAuthors)
      .innerJoin(users, eq(users.id, articleAuthors.userId))
      .where(eq(articleAuthors.articleId, article.id))
      .orderBy(asc(articleAuthors.position)),
    database
      .select({ slug: tags.slug, name: tags.name })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(eq(articleTags.articleId, article.id))
      .orderBy(asc(articleTags.position)),
    // The featured image as publication writes it for readers.
    loadFeaturedImage(database, working.featuredMediaId),
  ]);
  const story: Story = {
    articleId: article.id,
    revisionId: working.id,
    slug: article.slug,
    headline: working.headline,
    standfirst: working.standfirst,
    dateline: working.dateline,
    source: working.source,
    body: working.body,
    byline,
    tags: tagRows,
    featuredImage,
    seoTitle: working.seoTitle,
    seoDescription: working.seoDescription,
    commentsOpen: article.commentsOpen,
    publishedAt: article.firstPublishedAt ?? now,
    updatedAt: now,
    sectionId: working.sectionId,
    sectionSlug: section?.slug ?? "",
    sectionName: section?.name ?? "",
  };
  const isLive = article.status === "published" && article.publishedRevisionId !== null;
  const [related, corrections, more] = await Promise.all([
    relatedTeasers(working.body),
    storyCorrections(article.id),
    moreInSection(working.sectionId, article.id),
  ]);
  return {
    status: article.status,
    isLive,
    unpublishedChanges: !isLive || article.publishedRevisionId !== working.id,
    story,
    related,
    corrections,
    more,
  };
}
