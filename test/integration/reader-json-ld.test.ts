import { describe, expect, it } from "vitest";
import { breadcrumbLd, newsArticleLd, serializeJsonLd } from "@/lib/reader/json-ld";
import { siteFeed } from "@/server/reader/feeds";
import { articlePage } from "@/server/reader/pages/article";
import { makeUser } from "../support/fixtures";
import { addCorrection, liveRow, publishedStory, setLiveImage } from "../support/reader-fixtures";

/** JSON-LD is data in a <script>: nothing in a story may end that element early. */
const EVIL = `Mayor says </script><script>alert("pwned")</script> & <!-- more \u2028`;

function ldBlocks(html: string): unknown[] {
  const blocks = [
    ...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g),
  ].map((m) => JSON.parse(m[1]!));
  return blocks;
}

describe("JSON-LD escaping", () => {
  it("escapes <, > and & so </script> cannot break out, and parses back to the same text", () => {
    const out = serializeJsonLd({ headline: EVIL });
    expect(out).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(out)).toEqual({ headline: EVIL });
  });

  it("builds NewsArticle and BreadcrumbList with their required fields", () => {
    const at = new Date("2026-11-27T10:00:00Z");
    const ld = newsArticleLd({
      url: "https://news.example/politics/x",
      headline: "H".repeat(150),
      description: "D",
      images: ["https://news.example/media/a.webp"],
      datePublished: at,
      dateModified: at,
      authors: [
        { name: "A", url: "https://news.example/authors/a" },
        { name: "B", url: "https://news.example/authors/b" },
      ],
      section: "Politics",
      keywords: ["k"],
      publisher: { name: "P", url: "https://news.example/", logo: "https://news.example/icon.svg" },
      corrections: [{ date: at, text: "Fixed." }],
    });
    expect(ld).toMatchObject({
      "@type": "NewsArticle",
      datePublished: at.toISOString(),
      articleSection: "Politics",
      author: [{ name: "A" }, { name: "B" }],
      correction: [{ "@type": "CorrectionComment", text: "Fixed." }],
    });
    expect((ld.headline as string).length).toBeLessThanOrEqual(110);
    const crumbs = breadcrumbLd([{ name: "Home", url: "https://news.example/" }]);
    expect(crumbs).toMatchObject({ itemListElement: [{ position: 1, name: "Home" }] });
  });

  it("keeps a hostile headline inside the article page's JSON-LD", async () => {
    const reporter = await makeUser("reporter", "Jay Son");
    const editor = await makeUser("editor");
    const story = await publishedStory(reporter, editor, {
      headline: EVIL,
      standfirst: "</script><img src=x onerror=alert(1)>",
      paragraphs: ["Body."],
    });
    await addCorrection(story.id, editor, "We corrected </script> this.");
    const row = await liveRow(story.id);
    const response = await articlePage("politics", row!.slug);
    expect(response.status).toBe(200);
    const html = await response.text();
    // Exactly the scripts we wrote: two JSON-LD blocks (and at most an external script).
    expect(html.match(/<script/g)?.length ?? 0).toBe(html.match(/<\/script>/g)?.length ?? 0);
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    const [article, crumbs] = ldBlocks(html) as Record<string, unknown>[];
    expect(article).toMatchObject({
      "@type": "NewsArticle",
      headline: EVIL.trim(),
      author: [{ "@type": "Person", name: "Jay Son" }],
      articleSection: "Politics",
      correction: [{ text: "We corrected </script> this." }],
    });
    for (const key of ["datePublished", "dateModified", "publisher", "description"]) {
      expect(article).toHaveProperty(key);
    }
    expect(crumbs).toMatchObject({ "@type": "BreadcrumbList" });
  });

  it("shows a featured image responsively and shares its JPEG in Open Graph, JSON-LD and RSS", async () => {
    const reporter = await makeUser("reporter");
    const editor = await makeUser("editor");
    const story = await publishedStory(reporter, editor, {
      headline: "Bridge reopens with a picture",
      paragraphs: ["Body."],
    });
    await setLiveImage(story.id);
    const row = await liveRow(story.id);
    const html = await (await articlePage("politics", row!.slug)).text();
    expect(html).toMatch(
      /<picture><source type="image\/webp" srcSet="[^"]*480\.webp 480w, [^"]*960\.webp 960w"/,
    );
    expect(html).toMatch(/<img src="[^"]*1200\.jpg"[^>]*alt="A bridge over a river"/);
    expect(html).toMatch(/width="1600" height="900"/);
    expect(html).toContain("The new deck at dawn.");
    expect(html).toContain("Photo: Ledger staff");
    expect(html).toMatch(/<meta property="og:image" content="http[^"]*\/1200\.jpg"/);
    const [article] = ldBlocks(html) as Record<string, unknown>[];
    expect(String((article!.image as string[])[0])).toMatch(/1200\.jpg$/);
    const enclosure = /<enclosure [^>]*>/.exec(await siteFeed())?.[0] ?? "";
    expect(enclosure).toMatch(/url="http[^"]*\/1200\.jpg"/);
    expect(enclosure).toContain('type="image/jpeg"');
  });
});
