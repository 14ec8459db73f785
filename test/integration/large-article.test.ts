import { describe, expect, it } from "vitest";
import { CONTENT_LIMITS } from "@/lib/content/limits";
import { validateDoc } from "@/lib/content/validate";
import { saveArticle } from "@/server/articles/commands/save-article";
import { articlePage } from "@/server/reader/pages/article";
import { searchPage } from "@/server/reader/pages/search";
import { searchStories } from "@/server/reader/search";
import {
  advance,
  doc,
  liveCopy,
  makeUser,
  ok,
  sectionId,
  workingRevision,
  writeStory,
} from "../support/fixtures";

/**
 * THREATS 38: a 1 MB article is supported. One just under the validator's cap
 * (CONTENT_LIMITS.maxTextChars, 1,000,000 characters of text) saves through the real save
 * command, publishes, renders whole on the reader page and is found by search.
 *
 * Search indexes the headline, the standfirst and the first 200,000 characters of the body
 * (search_document_vector in db/migrations/0006_search_documents.sql: a tsvector must stay
 * under 1 MB), so a word near the end of a 1 MB story is, by design, not found.
 */

const PARAGRAPH_CHARS = 1_000;

/** Paragraph i: its number, a word of its own, then ordinary words up to PARAGRAPH_CHARS. */
function paragraph(i: number, word: string): string {
  const start = `Paragraph ${i} ${word} `;
  const filler = "The council met again to weigh the budget for roads and schools. ";
  return (start + filler.repeat(Math.ceil(PARAGRAPH_CHARS / filler.length))).slice(
    0,
    PARAGRAPH_CHARS,
  );
}

describe("a 1 MB article (THREATS 38)", () => {
  it("saves just under the size cap, publishes, renders with all its text, and is found by words in the indexed prefix (the first 200,000 characters) but not past it", async () => {
    const reporter = await makeUser("reporter");
    const editor = await makeUser("editor");
    const story = await writeStory(reporter, "Budget marathon: every word of the debate");

    // 990 paragraphs of 1,000 characters: 990,000 characters, 1 % under the cap.
    const count = Math.floor((CONTENT_LIMITS.maxTextChars * 0.99) / PARAGRAPH_CHARS);
    const early = 150; // ~150,000 characters in: inside the indexed prefix
    const words = (i: number) =>
      i === early ? "quixoticearly" : i === count - 2 ? "zanzibarlate" : `w${i}x`;
    const paragraphs = Array.from({ length: count }, (_, i) => paragraph(i, words(i)));
    const body = doc(...paragraphs);
    const chars = paragraphs.reduce((n, p) => n + p.length, 0);
    expect(chars).toBe(990_000);
    expect(chars).toBeLessThan(CONTENT_LIMITS.maxTextChars);
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(1_000_000);
    expect(validateDoc(body).ok).toBe(true);

    const saved = ok(
      await saveArticle.execute(reporter.claims, {
        id: story.id,
        baseVersion: 1,
        headline: "Budget marathon: every word of the debate",
        standfirst: "The longest story we have published.",
        dateline: "LONDON",
        source: "Desk",
        sectionId: await sectionId(),
        body,
      }),
    ) as { version: number; unchanged?: boolean };
    expect(saved.unchanged).toBe(false);
    const revision = await workingRevision(story.id);
    expect(revision.body).toEqual(body); // nothing lost on the way in

    await advance(story.id, [
      { name: "submit", as: reporter },
      { name: "approve", as: editor },
      { name: "publish", as: editor },
    ]);
    const live = await liveCopy(story.id);
    expect(live?.body).toEqual(body);

    const response = await articlePage("politics", live!.slug);
    expect(response.status).toBe(200);
    const html = await response.text();
    // Every paragraph, whole and in order (the first opens with the dateline).
    expect(html).toContain(`<span class="dateline">LONDON — </span>${paragraphs[0]}</p>`);
    let at = 0;
    for (const [i, text] of paragraphs.entries()) {
      const found = html.indexOf(i === 0 ? `${text}</p>` : `<p>${text}</p>`, at);
      expect(found, `paragraph ${i}`).toBeGreaterThan(at - 1);
      at = found + text.length;
    }

    const ids = async (q: string) => (await searchStories(q, 1, 20)).hits.map((h) => h.articleId);
    expect(await ids("budget marathon")).toContain(story.id); // headline
    expect(await ids("quixoticearly")).toEqual([story.id]); // body, inside the prefix
    expect(await ids("w190x")).toEqual([story.id]); // last paragraph wholly inside 200,000
    // Past the indexed prefix, by design: the story is not found by its late words.
    expect(await ids("zanzibarlate")).toEqual([]);
    expect(await ids("w900x")).toEqual([]);

    const results = await searchPage(new Request("http://localhost/search?q=quixoticearly"));
    expect(results.status).toBe(200);
    expect(await results.text()).toContain("Budget marathon: every word of the debate");
  });
});
