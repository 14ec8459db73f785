import "server-only";
import { AuthorIntro } from "@/components/site/author-intro";
import { ListPage } from "@/components/site/list-page";
import { breadcrumbLd } from "@/lib/reader/json-ld";
import {
  absoluteUrl,
  authorPath,
  homePath,
  pagedPath,
  sectionFeedPath,
  sectionPath,
  shareImage,
  tagPath,
} from "@/lib/reader/paths";
import { parsePage } from "@/lib/reader/search-text";
import { config } from "../../config";
import { authorWithStories, sectionBySlug, sectionStories, tagStories } from "../queries";
import { errorPage, page } from "../respond";

export const PER_PAGE = 20;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

function pageOf(request: Request): number {
  return parsePage(new URL(request.url).searchParams.get("page"));
}

/** `/{section}`: the section's stories, newest first, paginated. */
export async function sectionPage(request: Request, slug: string): Promise<Response> {
  if (!SLUG.test(slug)) return errorPage("not_found");
  const section = await sectionBySlug(slug);
  if (!section) return errorPage("not_found");
  const n = pageOf(request);
  const { items, total } = await sectionStories(section.id, n, PER_PAGE);
  if (n > 1 && items.length === 0) return errorPage("not_found");
  const { siteUrl, siteName } = config();
  const base = sectionPath(section.slug);
  return page(
    {
      title: n > 1 ? `${section.name} (page ${n})` : section.name,
      description: section.description || `The latest ${section.name} stories from ${siteName}.`,
      canonical: absoluteUrl(siteUrl, pagedPath(base, n)),
      openGraph: { type: "website" },
      feeds: [
        { title: `${section.name} · ${siteName}`, href: sectionFeedPath(section.slug) },
        { title: siteName, href: "/feed.xml" },
      ],
      jsonLd: [
        breadcrumbLd([
          { name: siteName, url: absoluteUrl(siteUrl, homePath()) },
          { name: section.name, url: absoluteUrl(siteUrl, base) },
        ]),
      ],
    },
    <ListPage
      title={section.name}
      intro={
        <>
          {section.description ? (
            <p className="list-intro" dir="auto">
              {section.description}
            </p>
          ) : null}
          <p className="meta">
            <a href={sectionFeedPath(section.slug)}>RSS feed for {section.name}</a>
          </p>
        </>
      }
      stories={items}
      empty="No stories in this section yet."
      page={n}
      total={total}
      perPage={PER_PAGE}
      basePath={base}
      showKicker={false}
    />,
    { currentSection: section.slug, keys: [`section:${section.slug}`] },
  );
}

/** `/tags/{tag}`: live stories with the tag. */
export async function tagPage(request: Request, slug: string): Promise<Response> {
  if (!SLUG.test(slug)) return errorPage("not_found");
  const n = pageOf(request);
  const { items, total, tag } = await tagStories(slug, n, PER_PAGE);
  if (!tag) return errorPage("not_found");
  const { siteUrl, siteName } = config();
  const base = tagPath(tag.slug);
  return page(
    {
      title: n > 1 ? `${tag.name} (page ${n})` : tag.name,
      description: `Stories about ${tag.name} from ${siteName}.`,
      canonical: absoluteUrl(siteUrl, pagedPath(base, n)),
      openGraph: { type: "website" },
    },
    <ListPage
      kicker="Topic"
      title={tag.name}
      stories={items}
      empty="No stories with this tag."
      page={n}
      total={total}
      perPage={PER_PAGE}
      basePath={base}
    />,
    { keys: [`tag:${tag.slug}`] },
  );
}

/** `/authors/{slug}`: name, bio and the author's live stories. */
export async function authorPage(request: Request, slug: string): Promise<Response> {
  if (!SLUG.test(slug)) return errorPage("not_found");
  const n = pageOf(request);
  const found = await authorWithStories(slug, n, PER_PAGE);
  if (!found || (n > 1 && found.items.length === 0)) return errorPage("not_found");
  const { author, items, total } = found;
  const { siteUrl, siteName } = config();
  const base = authorPath(author.slug);
  const url = absoluteUrl(siteUrl, base);
  const avatar = author.avatar ? shareImage(author.avatar.variants) : undefined;
  return page(
    {
      title: n > 1 ? `${author.name} (page ${n})` : author.name,
      description: author.bio.slice(0, 200) || `Stories by ${author.name} for ${siteName}.`,
      canonical: absoluteUrl(siteUrl, pagedPath(base, n)),
      openGraph: { type: "website" },
      jsonLd: [
        {
          "@context": "https://schema.org",
          "@type": "ProfilePage",
          mainEntity: {
            "@type": "Person",
            name: author.name,
            url,
            ...(author.bio ? { description: author.bio } : {}),
            ...(avatar ? { image: absoluteUrl(siteUrl, avatar.src) } : {}),
          },
        },
      ],
    },
    <ListPage
      kicker="Author"
      title={author.name}
      intro={<AuthorIntro name={author.name} bio={author.bio} avatar={author.avatar} />}
      stories={items}
      empty="No stories yet."
      page={n}
      total={total}
      perPage={PER_PAGE}
      basePath={base}
    />,
    { keys: [`author:${author.slug}`] },
  );
}
