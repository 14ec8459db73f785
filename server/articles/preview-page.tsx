import "server-only";
import { PreviewBanner } from "@/components/newsroom/revisions/preview-banner";
import { ArticleView } from "@/components/site/article-view";
import { ErrorView, errorTitle } from "@/components/site/error-view";
import type { Actor } from "../policy";
import { page } from "../reader/respond";
import { getStoryPreview } from "./queries/preview";

/** Staff-only pages are never stored by a browser or a cache front, nor indexed. */
const PRIVATE = "private, no-store";
const NOINDEX = "noindex, nofollow";

function privately(response: Response): Response {
  response.headers.set("cache-control", PRIVATE);
  response.headers.set("x-robots-tag", NOINDEX);
  return response;
}

/**
 * `/newsroom/articles/{id}/preview`: the working copy as a complete reader page, built by the
 * reader site's own document, article view and renderer, so what staff see is what readers
 * will get, with a banner on top. Anyone who may not see the story gets the same 404 as for a
 * story that does not exist; someone signed out is sent to sign in.
 */
export async function previewPage(actor: Actor | null, articleId: string): Promise<Response> {
  if (!actor) {
    return new Response(null, {
      status: 307,
      headers: { location: "/login", "cache-control": PRIVATE },
    });
  }
  const preview = await getStoryPreview(actor, articleId);
  if (!preview) {
    return privately(
      await page(
        { title: errorTitle("not_found"), robots: NOINDEX },
        <ErrorView kind="not_found" />,
        {
          status: 404,
          cache: PRIVATE,
        },
      ),
    );
  }
  const { story } = preview;
  return privately(
    await page(
      {
        title: `Preview: ${story.seoTitle || story.headline}`,
        description: story.seoDescription || story.standfirst,
        robots: NOINDEX,
      },
      <>
        <PreviewBanner
          articleId={story.articleId}
          unpublishedChanges={preview.unpublishedChanges}
          live={preview.isLive ? { sectionSlug: story.sectionSlug, slug: story.slug } : null}
        />
        <ArticleView
          story={story}
          related={preview.related}
          corrections={preview.corrections}
          more={preview.more}
        />
      </>,
      { cache: PRIVATE, currentSection: story.sectionSlug },
    ),
  );
}
