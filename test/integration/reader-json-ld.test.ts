import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { breadcrumbLd, newsArticleLd, serializeJsonLd } from "@/lib/reader/json-ld";
import { createArticle } from "@/server/articles/commands/create-article";
import { db } from "@/server/db";
import { siteFeed } from "@/server/reader/feeds";
import { articlePage } from "@/server/reader/pages/article";
import { authorPage } from "@/server/reader/pages/lists";
import { createUser } from "@/server/users/commands/create-user";
import { advance, doc, makeUser, ok, sectionId, type TestUser } from "../support/fixtures";
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

describe("hostile bylines and SEO fields (THREATS 16)", () => {
  const BYLINE = `Jo </script><script>alert(1)</script>"><img src=x onerror=alert(1)>`;
  const SEO_TITLE = `</title><script>alert(2)</script>' onmouseover='alert(3)`;
  const SEO_DESCRIPTION = `"><img src=x onerror=alert(4)> & <!-- </script>`;

  /** How React escapes text and attribute values. */
  const escaped = (s: string) =>
    s
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#x27;");
  const unescaped = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, "&");

  function metaContent(html: string, attr: "name" | "property", key: string): string | undefined {
    const m = new RegExp(`<meta ${attr}="${key}" content="([^"]*)"`).exec(html);
    return m ? unescaped(m[1]!) : undefined;
  }

  /** No markup came from the data: no script or image we did not write, no event handler. */
  function expectInert(html: string) {
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("</title><script>");
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    // JSON-LD data, and the comment form's own external script: nothing else.
    for (const tag of scripts) {
      expect(tag).toMatch(
        /^<script (type="application\/ld\+json"|src="\/assets\/comments\.js[^"]*" defer="")>$/,
      );
    }
    expect(scripts.length).toBe(html.match(/<\/script>/g)?.length ?? 0);
    expect(html.match(/<title>/g)).toHaveLength(1);
    // Attribute values removed, no tag carries an on* handler.
    for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
      expect(tag.replace(/"[^"]*"/g, '""'), tag).not.toMatch(/\son[a-z]+\s*=/i);
    }
  }

  async function hostileReporter(admin: TestUser): Promise<TestUser & { slug: string }> {
    const email = `${crypto.randomUUID().slice(0, 8)}@staff.example`;
    const { id } = ok(
      await createUser.execute(admin.claims, {
        name: BYLINE,
        email,
        password: "a long enough password",
        role: "reporter",
      }),
    );
    const [row] = await (await db()).select().from(users).where(eq(users.id, id));
    expect(row!.name).toBe(BYLINE); // stored as typed: escaping is the renderer's job
    return {
      id,
      email,
      role: "reporter",
      claims: { userId: id, sessionVersion: 1 },
      slug: row!.slug,
    };
  }

  it("renders a hostile byline and hostile SEO title and description inert: page, meta tags, JSON-LD, author page, RSS", async () => {
    const admin = await makeUser("admin");
    const editor = await makeUser("editor");
    const reporter = await hostileReporter(admin);
    const story = ok(
      await createArticle.execute(reporter.claims, {
        headline: "Council passes the budget",
        standfirst: "A plain standfirst.",
        dateline: "LONDON",
        source: "Desk",
        sectionId: await sectionId(),
        body: doc("Body."),
        seoTitle: SEO_TITLE,
        seoDescription: SEO_DESCRIPTION,
      }),
    ) as { id: string };
    await advance(story.id, [
      { name: "submit", as: reporter },
      { name: "approve", as: editor },
      { name: "publish", as: editor },
    ]);
    const row = await liveRow(story.id);
    const response = await articlePage("politics", row!.slug);
    expect(response.status).toBe(200);
    const html = await response.text();

    expectInert(html);
    // The byline is shown, as text, linking to the author's page.
    expect(html).toContain(`rel="author" dir="auto">${escaped(BYLINE)}</a>`);
    // Meta tags carry exactly the SEO text, escaped inside their attribute.
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
    expect(unescaped(title).startsWith(`${SEO_TITLE} · `)).toBe(true);
    expect(html).toContain(`<meta name="description" content="${escaped(SEO_DESCRIPTION)}"/>`);
    expect(metaContent(html, "name", "description")).toBe(SEO_DESCRIPTION);
    expect(metaContent(html, "property", "og:title")).toBe(SEO_TITLE);
    expect(metaContent(html, "property", "og:description")).toBe(SEO_DESCRIPTION);
    expect(metaContent(html, "name", "twitter:title")).toBe(SEO_TITLE);
    expect(metaContent(html, "name", "twitter:description")).toBe(SEO_DESCRIPTION);
    // JSON-LD parses back to the same text.
    const [article] = ldBlocks(html) as Record<string, unknown>[];
    expect(article).toMatchObject({
      "@type": "NewsArticle",
      headline: "Council passes the budget",
      description: SEO_DESCRIPTION,
      author: [{ "@type": "Person", name: BYLINE }],
    });

    const authorResponse = await authorPage(
      new Request(`http://localhost/authors/${reporter.slug}`),
      reporter.slug,
    );
    expect(authorResponse.status).toBe(200);
    const authorHtml = await authorResponse.text();
    expectInert(authorHtml);
    expect(authorHtml).toContain(escaped(BYLINE));
    expect(metaContent(authorHtml, "property", "og:title")).toBe(BYLINE);
    const [profile] = ldBlocks(authorHtml) as Record<string, unknown>[];
    expect(profile).toMatchObject({ mainEntity: { "@type": "Person", name: BYLINE } });

    // The feed: its description is HTML to a feed reader, so the text arrives escaped.
    const feed = await siteFeed();
    const item = feed.split("<item>").find((i) => i.includes(`/politics/${row!.slug}<`)) ?? "";
    expect(item).toContain(
      `<description><![CDATA[${escaped(SEO_DESCRIPTION).replace(/&#x27;/g, "&apos;")}]]></description>`,
    );
    expect(item).toContain(`<author>${escaped(BYLINE).replace(/&quot;/g, '"')}</author>`);
    expect(item).not.toContain("<script>alert");
    expect(feed).not.toContain("<img src=x");
  });
});
