import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { MARK_END, MARK_START, splitHighlights } from "@/lib/reader/search-text";
import { searchStories } from "@/server/reader/search";
import { makeUser } from "../support/fixtures";
import { publishedStory, storyIn } from "../support/reader-fixtures";

/**
 * Search over live stories (issue 5, THREATS 31): ranking, web-search syntax, highlighted
 * snippets, nothing unpublished, and no input that can make it fail.
 */
const headlines = async (q: string) => (await searchStories(q, 1, 20)).hits.map((h) => h.headline);

beforeAll(async () => {
  const reporter = await makeUser("reporter");
  const editor = await makeUser("editor");
  await publishedStory(reporter, editor, {
    headline: "Harbor bridge rebuild approved",
    standfirst: "Work starts in spring.",
    paragraphs: ["Engineers will replace the deck of the span.", "Traffic will be diverted."],
  });
  await publishedStory(reporter, editor, {
    headline: "Council sets its budget for next year",
    paragraphs: [
      "The budget covers schools, parks and libraries.",
      "One line item pays for repainting a footbridge and a bridge railing.",
    ],
  });
  await publishedStory(reporter, editor, {
    headline: "River festival returns",
    paragraphs: ["Crowds gathered near the old mill for music and food."],
  });
  await publishedStory(reporter, editor, {
    headline: "Library extends opening hours",
    paragraphs: ["The mill district branch opens on Sundays; the old building stays shut."],
  });
  for (const status of ["draft", "in_review", "approved", "unpublished"] as const) {
    await storyIn(status, reporter, editor, {
      headline: `Hidden ${status} story`,
      paragraphs: [`The secret word zanzibarquux appears only in a story that is ${status}.`],
    });
  }
});

describe("search ranking and syntax", () => {
  it("ranks a headline match above a passing mention in the body", async () => {
    const found = await headlines("bridge");
    expect(found[0]).toBe("Harbor bridge rebuild approved");
    expect(found).toContain("Council sets its budget for next year");
    expect(found).toHaveLength(2);
  });

  it("stems words (rebuilding finds rebuild)", async () => {
    expect(await headlines("rebuilding")).toEqual(["Harbor bridge rebuild approved"]);
  });

  it("matches a quoted phrase only with its words in order", async () => {
    expect(await headlines('"old mill"')).toEqual(["River festival returns"]);
    expect(await headlines("old mill")).toHaveLength(2);
  });

  it("leaves out -excluded words", async () => {
    expect(await headlines("bridge -budget")).toEqual(["Harbor bridge rebuild approved"]);
  });

  it("understands or", async () => {
    expect((await headlines("festival or budget")).sort()).toEqual([
      "Council sets its budget for next year",
      "River festival returns",
    ]);
  });

  it("counts every match and pages through them", async () => {
    const first = await searchStories("bridge", 1, 1);
    const second = await searchStories("bridge", 2, 1);
    expect(first.total).toBe(2);
    expect(first.hits).toHaveLength(1);
    expect(second.hits).toHaveLength(1);
    expect(second.hits[0]!.articleId).not.toBe(first.hits[0]!.articleId);
    expect((await searchStories("bridge", 3, 1)).hits).toHaveLength(0);
  });

  it("marks the matched words in the snippet with marker characters, never HTML", async () => {
    const [hit] = (await searchStories("schools", 1, 5)).hits;
    expect(hit).toBeDefined();
    expect(hit!.snippet).not.toMatch(/<\/?b>|<mark/i);
    const marked = splitHighlights(hit!.snippet).filter((p) => p.marked);
    expect(marked.map((p) => p.text.toLowerCase())).toContain("schools");
  });

  it("finds nothing that is not live: drafts, review, approved, unpublished", async () => {
    const result = await searchStories("zanzibarquux", 1, 20);
    expect(result.hits).toEqual([]);
    expect(result.total).toBe(0);
  });

  it("gives an empty result, not an error, for stop words and empty input", async () => {
    expect((await searchStories("the and of", 1, 10)).hits).toEqual([]);
    expect(await searchStories("", 1, 10)).toEqual({ query: "", hits: [], total: 0 });
    expect(await searchStories(undefined, 1, 10)).toEqual({ query: "", hits: [], total: 0 });
  });
});

describe("hostile queries give a result, never an error (THREATS 31)", () => {
  const hostile = [
    "'",
    '"',
    '"unclosed phrase',
    "%",
    "_%_",
    "\\",
    "bridge\u0000",
    "\u0000",
    "& | ! : * ( ) <->",
    "bridge:*",
    "!!bridge",
    "(bridge",
    "bridge & !",
    "-",
    "- - -",
    "or or or",
    "' or 1=1 --",
    "'); drop table published_articles; --",
    "$1 $2",
    "\ud800 lone surrogate",
    "\u202eevil\u202c",
    `${MARK_START}bridge${MARK_END}`,
    "x".repeat(10_240),
    "bridge ".repeat(2_000),
    "<script>alert(1)</script>",
  ];
  for (const q of hostile) {
    it(`survives ${JSON.stringify(q.slice(0, 40))}${q.length > 40 ? "…" : ""}`, async () => {
      const result = await searchStories(q, 1, 10);
      expect(Array.isArray(result.hits)).toBe(true);
      expect(result.query.length).toBeLessThanOrEqual(200);
      expect(result.query).not.toContain("\u0000");
    });
  }

  it("still searches the sensible part of a query with odd characters", async () => {
    expect(await headlines("bridge\u0000")).toContain("Harbor bridge rebuild approved");
    expect(await headlines("(bridge")).toContain("Harbor bridge rebuild approved");
  });

  it("never throws for any string (property test)", async () => {
    const tokens = fc.constantFrom(
      "bridge",
      "-",
      '"',
      "'",
      "or",
      "&",
      "|",
      "!",
      ":*",
      "(",
      ")",
      "<->",
      "%",
      "\u0000",
      "\\",
      " ",
    );
    const query = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.array(tokens, { maxLength: 40 }).map((parts) => parts.join("")),
      fc.string({ unit: "grapheme", maxLength: 80 }),
    );
    await fc.assert(
      fc.asyncProperty(query, fc.integer({ min: 1, max: 5 }), async (q, page) => {
        const result = await searchStories(q, page, 10);
        expect(Array.isArray(result.hits)).toBe(true);
        expect(result.total).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 150 },
    );
  });
});
