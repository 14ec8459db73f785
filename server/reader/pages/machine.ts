import "server-only";
import { sectionFeed, siteFeed } from "../feeds";
import { errorPage, FEED_CACHE, textResponse } from "../respond";
import { newsSitemapXml, robotsTxt, sitemapXml } from "../sitemaps";
import { stylesheet } from "../stylesheet";

/** Feeds, sitemaps, robots.txt and the stylesheet: the machine-readable surfaces. */

const RSS = "application/rss+xml; charset=utf-8";
const XML = "application/xml; charset=utf-8";

export async function siteFeedResponse(): Promise<Response> {
  return textResponse(await siteFeed(), RSS, FEED_CACHE);
}

export async function sectionFeedResponse(sectionSlug: string): Promise<Response> {
  const xml = await sectionFeed(sectionSlug);
  return xml ? textResponse(xml, RSS, FEED_CACHE) : errorPage("not_found");
}

export async function sitemapResponse(): Promise<Response> {
  return textResponse(await sitemapXml(), XML, FEED_CACHE);
}

export async function newsSitemapResponse(): Promise<Response> {
  return textResponse(await newsSitemapXml(), XML, FEED_CACHE);
}

export function robotsResponse(): Response {
  return textResponse(robotsTxt(), "text/plain; charset=utf-8", "public, max-age=3600");
}

export function stylesheetResponse(): Response {
  return textResponse(
    stylesheet().css,
    "text/css; charset=utf-8",
    "public, max-age=31536000, immutable",
  );
}
