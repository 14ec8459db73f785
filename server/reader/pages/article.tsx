import "server-only";
import { ArticleView } from "@/components/site/article-view";
import { breadcrumbLd, newsArticleLd } from "@/lib/reader/json-ld";
import {
  absoluteUrl,
  articlePath,
  authorPath,
  homePath,
  sectionPath,
  shareImage,
} from "@/lib/reader/paths";
import { commentsSection } from "../../comments/queries/comments-section";
import { config } from "../../config";
import {
  liveStoryBySlug,
  redirectForOldSlug,
  relatedStoryIds,
  relatedTeasers,
  storyCorrections,
  wasUnpublished,
} from "../article";
import { moreInSection } from "../queries";
import { errorPage, page } from "../respond";

/** Slugs are lower-case ASCII words joined by hyphens; anything else cannot be a story. */
const SLUG = /^[A-Za-z0-9][A-Za-z0-9-]{0,199}$/;

function redirect(location: string): Response {
  return new Response(null, {
    status: 301,
    headers: { location, "cache-control": "public, max-age=300, s-maxage=60" },
  });
}

/**
 * `/{section}/{slug}`: the live story, 301 to its current address when the section or slug
 * changed, 410 Gone when it was unpublished, 404 otherwise.
 */
export async function articlePage(
  sectionSlug: string,
  slug: string,
  query?: URLSearchParams,
): Promise<Response> {
  if (!SLUG.test(slug)) return errorPage("not_found");
  const story = await liveStoryBySlug(slug);
  if (!story) {
    if (await wasUnpublished(slug)) return errorPage("gone");
    const moved = await redirectForOldSlug(slug);
    return moved ? redirect(moved) : errorPage("not_found");
  }
  const path = articlePath(story.sectionSlug, story.slug);
  if (story.sectionSlug !== sectionSlug || story.slug !== slug) return redirect(path);

  const [related, corrections, more, comments] = await Promise.all([
    relatedTeasers(story.body),
    storyCorrections(story.articleId),
    moreInSection(story.sectionId, story.articleId),
    commentsSection(story, path, query),
  ]);
  const { siteUrl, siteName } = config();
  const url = (p: string) => absoluteUrl(siteUrl, p);
  const canonical = url(path);
  const description = story.seoDescription || story.standfirst;
  const image = story.featuredImage ? shareImage(story.featuredImage.variants) : undefined;
  return page(
    {
      title: story.seoTitle || story.headline,
      description,
      canonical,
      openGraph: {
        type: "article",
        image:
          image && story.featuredImage
            ? {
                url: url(image.src),
                alt: story.featuredImage.alt,
                width: image.width,
                height: Math.round(
                  (story.featuredImage.height * image.width) / story.featuredImage.width,
                ),
              }
            : undefined,
        article: {
          published: story.publishedAt,
          modified: story.updatedAt,
          section: story.sectionName,
          tags: story.tags.map((t) => t.name),
        },
      },
      jsonLd: [
        newsArticleLd({
          url: canonical,
          headline: story.headline,
          description,
          images: image ? [url(image.src)] : [],
          datePublished: story.publishedAt,
          dateModified: story.updatedAt,
          authors: story.byline.map((a) => ({ name: a.name, url: url(authorPath(a.slug)) })),
          section: story.sectionName,
          keywords: story.tags.map((t) => t.name),
          publisher: { name: siteName, url: url(homePath()), logo: url("/icon.svg") },
          corrections: corrections.map((c) => ({ date: c.createdAt, text: c.note })),
        }),
        breadcrumbLd([
          { name: siteName, url: url(homePath()) },
          { name: story.sectionName, url: url(sectionPath(story.sectionSlug)) },
          { name: story.headline, url: canonical },
        ]),
      ],
    },
    <ArticleView
      story={story}
      related={related}
      corrections={corrections}
      more={more}
      comments={comments}
    />,
    {
      currentSection: story.sectionSlug,
      // Its own key, its section's ("More in …"), and each linked story's (their teasers).
      keys: [
        `article:${story.articleId}`,
        `section:${story.sectionSlug}`,
        ...relatedStoryIds(story.body).map((id) => `article:${id}`),
      ],
    },
  );
}
