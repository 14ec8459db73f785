import type { ReactNode } from "react";
import type { JsonLd } from "@/lib/reader/json-ld";
import { sectionPath } from "@/lib/reader/paths";
import { JsonLdScript } from "./json-ld-script";

export type PageHead = {
  /** The page's own title; the site name is appended. */
  title: string;
  description?: string;
  /** Absolute canonical URL. */
  canonical?: string;
  robots?: string;
  openGraph?: {
    type: "website" | "article";
    image?: { url: string; alt: string; width: number; height: number };
    article?: { published: Date; modified: Date; section: string; tags: string[] };
  };
  jsonLd?: JsonLd[];
  /** Alternate feeds: title and path. */
  feeds?: { title: string; href: string }[];
};

export type SiteChrome = {
  siteName: string;
  stylesheet: string;
  sections: { slug: string; name: string }[];
  /** The header search box's current value (on the search page). */
  query?: string;
  /** Section the page belongs to, marked as current in the navigation. */
  currentSection?: string;
};

/**
 * The whole HTML document of a reader page: head (title, description, canonical, Open Graph,
 * Twitter card, JSON-LD, feeds, one stylesheet, no scripts) and the page chrome (skip link,
 * masthead, search, section navigation, footer). Rendered to static HTML on the server.
 */
export function SiteDocument({
  head,
  chrome,
  children,
}: {
  head: PageHead;
  chrome: SiteChrome;
  children: ReactNode;
}) {
  const title =
    head.title === chrome.siteName ? chrome.siteName : `${head.title} · ${chrome.siteName}`;
  const og = head.openGraph;
  return (
    <html lang="en">
      {/* biome-ignore lint/style/noHeadElement: a route handler renders this document, not next/head */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        {head.description ? <meta name="description" content={head.description} /> : null}
        {head.robots ? <meta name="robots" content={head.robots} /> : null}
        {head.canonical ? <link rel="canonical" href={head.canonical} /> : null}
        <link rel="stylesheet" href={chrome.stylesheet} />
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        {(head.feeds ?? [{ title: chrome.siteName, href: "/feed.xml" }]).map((f) => (
          <link
            key={f.href}
            rel="alternate"
            type="application/rss+xml"
            title={f.title}
            href={f.href}
          />
        ))}
        {og ? (
          <>
            <meta property="og:site_name" content={chrome.siteName} />
            <meta property="og:type" content={og.type} />
            <meta property="og:title" content={head.title} />
            {head.description ? (
              <meta property="og:description" content={head.description} />
            ) : null}
            {head.canonical ? <meta property="og:url" content={head.canonical} /> : null}
            <meta property="og:locale" content="en_GB" />
            {og.image ? (
              <>
                <meta property="og:image" content={og.image.url} />
                <meta property="og:image:alt" content={og.image.alt} />
                <meta property="og:image:width" content={String(og.image.width)} />
                <meta property="og:image:height" content={String(og.image.height)} />
              </>
            ) : null}
            {og.article ? (
              <>
                <meta
                  property="article:published_time"
                  content={og.article.published.toISOString()}
                />
                <meta
                  property="article:modified_time"
                  content={og.article.modified.toISOString()}
                />
                <meta property="article:section" content={og.article.section} />
                {og.article.tags.map((t) => (
                  <meta key={t} property="article:tag" content={t} />
                ))}
              </>
            ) : null}
            <meta name="twitter:card" content={og.image ? "summary_large_image" : "summary"} />
            <meta name="twitter:title" content={head.title} />
            {head.description ? (
              <meta name="twitter:description" content={head.description} />
            ) : null}
            {og.image ? <meta name="twitter:image" content={og.image.url} /> : null}
            {og.image ? <meta name="twitter:image:alt" content={og.image.alt} /> : null}
          </>
        ) : null}
        {(head.jsonLd ?? []).map((data, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list rendered once
          <JsonLdScript key={i} data={data} />
        ))}
      </head>
      <body>
        <a className="skip-link" href="#main-content">
          Skip to main content
        </a>
        <header className="site-header">
          <div className="wrap">
            <div className="masthead">
              <a className="site-name" href="/">
                {chrome.siteName}
              </a>
              <search>
                <form className="search-form" action="/search" method="get">
                  <label htmlFor="site-search" className="visually-hidden">
                    Search
                  </label>
                  <input
                    id="site-search"
                    name="q"
                    type="search"
                    placeholder="Search stories"
                    defaultValue={chrome.query}
                    maxLength={200}
                    dir="auto"
                  />
                  <button type="submit">Search</button>
                </form>
              </search>
            </div>
            <nav className="site-nav" aria-label="Sections">
              <ul>
                {chrome.sections.map((s) => (
                  <li key={s.slug}>
                    <a
                      href={sectionPath(s.slug)}
                      aria-current={chrome.currentSection === s.slug ? "page" : undefined}
                      dir="auto"
                    >
                      {s.name}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main-content" className="wrap site-main">
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <nav aria-label="Site">
              <ul>
                <li>
                  <a href="/">Front page</a>
                </li>
                <li>
                  <a href="/corrections">Corrections</a>
                </li>
                <li>
                  <a href="/feed.xml">RSS feed</a>
                </li>
                <li>
                  <a href="/login">Staff sign-in</a>
                </li>
              </ul>
            </nav>
            <p>© {chrome.siteName}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
