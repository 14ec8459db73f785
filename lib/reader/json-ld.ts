/**
 * Structured data (schema.org JSON-LD) for articles and breadcrumbs, and the one serializer
 * allowed to put it into a <script>: every `<`, `>` and `&` becomes a \u escape, so text
 * such as `</script>` in a headline stays inside the JSON string (and U+2028/2029, which
 * older parsers treat as line ends, are escaped too).
 */

export type JsonLd = Record<string, unknown>;

export function serializeJsonLd(data: JsonLd | JsonLd[]): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export type NewsArticleInput = {
  url: string;
  headline: string;
  description: string;
  images: string[];
  datePublished: Date;
  dateModified: Date;
  authors: { name: string; url: string }[];
  section: string;
  keywords: string[];
  publisher: { name: string; url: string; logo: string };
  corrections: { date: Date; text: string }[];
};

/** NewsArticle as Google's article structured data describes it. */
export function newsArticleLd(a: NewsArticleInput): JsonLd {
  const ld: JsonLd = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": a.url },
    url: a.url,
    // Google truncates headlines past 110 characters; the page keeps the full one.
    headline: a.headline.length > 110 ? `${a.headline.slice(0, 109)}…` : a.headline,
    description: a.description,
    datePublished: a.datePublished.toISOString(),
    dateModified: a.dateModified.toISOString(),
    author: a.authors.map((p) => ({ "@type": "Person", name: p.name, url: p.url })),
    publisher: {
      "@type": "NewsMediaOrganization",
      name: a.publisher.name,
      url: a.publisher.url,
      logo: { "@type": "ImageObject", url: a.publisher.logo },
    },
    articleSection: a.section,
    isAccessibleForFree: true,
  };
  if (a.images.length > 0) ld.image = a.images;
  if (a.keywords.length > 0) ld.keywords = a.keywords;
  if (a.corrections.length > 0) {
    ld.correction = a.corrections.map((c) => ({
      "@type": "CorrectionComment",
      datePublished: c.date.toISOString(),
      text: c.text,
    }));
  }
  return ld;
}

export function breadcrumbLd(items: { name: string; url: string }[]): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: item.name,
      item: item.url,
    })),
  };
}
