import "server-only";
import { FrontPage } from "@/components/site/front-page";
import { absoluteUrl, homePath } from "@/lib/reader/paths";
import { config } from "../../config";
import { latestStories, navSections, type StoryCard, sectionRails } from "../queries";
import { page } from "../respond";

const TOP = 4;
const LATEST = 10;
const RAIL = 4;

/** `/`: lead, top stories, latest, and a rail per section (newest first everywhere). */
export async function homePage(): Promise<Response> {
  const { siteName, siteUrl } = config();
  const [latest, railRows, sections] = await Promise.all([
    latestStories(1 + TOP + LATEST),
    sectionRails(RAIL + 1 + TOP),
    navSections(),
  ]);
  const [lead = null, ...rest] = latest;
  const top = rest.slice(0, TOP);
  const above = new Set([lead, ...top].filter(Boolean).map((s) => s!.articleId));
  const bySection = new Map<string, StoryCard[]>();
  for (const story of railRows) {
    if (above.has(story.articleId)) continue;
    const list = bySection.get(story.sectionSlug) ?? [];
    if (list.length < RAIL) list.push(story);
    bySection.set(story.sectionSlug, list);
  }
  const rails = sections
    .map((section) => ({ section, stories: bySection.get(section.slug) ?? [] }))
    .filter((rail) => rail.stories.length > 0);
  return page(
    {
      title: siteName,
      description: `The latest news from ${siteName}.`,
      canonical: absoluteUrl(siteUrl, homePath()),
      openGraph: { type: "website" },
      jsonLd: [
        {
          "@context": "https://schema.org",
          "@type": "WebSite",
          name: siteName,
          url: absoluteUrl(siteUrl, homePath()),
          potentialAction: {
            "@type": "SearchAction",
            target: `${absoluteUrl(siteUrl, "/search")}?q={search_term_string}`,
            "query-input": "required name=search_term_string",
          },
        },
      ],
    },
    <FrontPage siteName={siteName} lead={lead} top={top} latest={rest.slice(TOP)} rails={rails} />,
    { sections, keys: ["home"] },
  );
}
