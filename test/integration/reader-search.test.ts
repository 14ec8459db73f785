import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { MARK_END, MARK_START, splitHighlights } from "@/lib/reader/search-text";
import { saveArticle } from "@/server/articles/commands/save-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import { CHECKED_LIMIT, SEARCH_LIMIT, searchStories } from "@/server/reader/search";
import {
  blockDays,
  LAST_DAY,
  SEARCH_SPAN_COUNT,
  searchWindows,
  spanBlocks,
} from "@/server/reader/search-windows";
import { doc, makeUser, ok, storyState, type TestUser, workingRevision } from "../support/fixtures";
import {
  bulkLiveStories,
  publishedStory,
  setLivePublishedAt,
  storyIn,
} from "../support/reader-fixtures";

/**
 * Search over live stories (issue 5, THREATS 31): ranking, web-search syntax, highlighted
 * snippets, nothing unpublished, no input that can make it fail, stories of any date, and the
 * limit on the work a search does (the newest SEARCH_LIMIT matches, "more than 1,000").
 */
const headlines = async (q: string) => (await searchStories(q, 1, 20)).hits.map((h) => h.headline);
const DAY_MS = 86_400_000;

let reporter: TestUser;
let editor: TestUser;

beforeAll(async () => {
  reporter = await makeUser("reporter");
  editor = await makeUser("editor");
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
    expect(first.count).toBe("exact");
    expect(first.hits).toHaveLength(1);
    expect(second.hits).toHaveLength(1);
    expect(second.hits[0]!.articleId).not.toBe(first.hits[0]!.articleId);
    expect((await searchStories("bridge", 3, 1)).hits).toHaveLength(0);
  });

  it("ranks headline over standfirst over body, and equal matches newest first", async () => {
    const spec = (headline: string, standfirst: string, paragraph: string) => ({
      headline,
      standfirst,
      paragraphs: [paragraph],
    });
    const now = Date.now();
    const stories = [
      spec("Market day", "Stalls open early.", "A quillfeather seller came, long ago."),
      spec("Fair opens", "The quillfeather stall is back.", "Visitors queued."),
      spec("Quillfeather makers gather", "A craft revived.", "Makers met."),
      spec("Night market", "Lanterns lit.", "Someone sold a quillfeather, recently."),
    ];
    const ids: string[] = [];
    for (const s of stories) ids.push((await publishedStory(reporter, editor, s)).id);
    // The standfirst match is the oldest: its place comes from where the word is, not its date.
    const ages = [3, 10, 5, 1];
    for (const [i, id] of ids.entries()) {
      await setLivePublishedAt(id, new Date(now - ages[i]! * DAY_MS));
    }
    expect(await headlines("quillfeather")).toEqual([
      "Quillfeather makers gather",
      "Fair opens",
      "Night market",
      "Market day",
    ]);
  });

  it("finds the stories without a word for a query of exclusions only", async () => {
    const found = await searchStories("-bridge", 1, 50);
    const names = found.hits.map((h) => h.headline);
    expect(names).toContain("River festival returns");
    expect(names).not.toContain("Harbor bridge rebuild approved");
    expect(names).not.toContain("Council sets its budget for next year");
    expect(found.total).toBe(found.hits.length);
  });

  it("pages past the last result give nothing, whatever the page number", async () => {
    for (const page of [2, 101, 1000]) {
      const result = await searchStories("festival", page, 10);
      expect(result.hits).toEqual([]);
    }
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
    const empty = { query: "", hits: [], total: 0, count: "exact" };
    expect(await searchStories("", 1, 10)).toEqual(empty);
    expect(await searchStories(undefined, 1, 10)).toEqual(empty);
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

describe("stories of any date", () => {
  it("finds a story whatever its date, newest first among equals", async () => {
    const dates = {
      "far ahead": "2300-05-01T00:00:00Z",
      today: new Date().toISOString(),
      "three days ago": new Date(Date.now() - 3 * DAY_MS).toISOString(),
      "a year ago": new Date(Date.now() - 400 * DAY_MS).toISOString(),
      "new year's eve 1999": "1999-12-31T23:59:59Z",
      "new year's day 2000": "2000-01-01T00:00:00Z",
      "in 1950": "1950-06-15T12:00:00Z",
      "in 1850": "1850-03-01T00:00:00Z",
    };
    for (const [when, at] of Object.entries(dates)) {
      const { id } = await publishedStory(reporter, editor, {
        headline: `Dated ${when}`,
        paragraphs: ["The almanac mentions a marrowlight once."],
      });
      await setLivePublishedAt(id, new Date(at));
    }
    const byDate = Object.entries(dates)
      .sort(([, a], [, b]) => Date.parse(b) - Date.parse(a))
      .map(([when]) => `Dated ${when}`);
    expect(await headlines("marrowlight")).toEqual(byDate);
  });
});

describe("search follows publishing", () => {
  it("an update, unpublishing and republishing change what search finds", async () => {
    const { id } = await publishedStory(reporter, editor, {
      headline: "Ferry timetable oldwording",
      paragraphs: ["Boats leave hourly."],
    });
    expect(await headlines("oldwording")).toEqual(["Ferry timetable oldwording"]);
    const working = await workingRevision(id);
    ok(
      await saveArticle.execute(editor.claims, {
        id,
        baseVersion: (await storyState(id)).version,
        headline: "Ferry timetable newwording",
        standfirst: working.standfirst,
        dateline: working.dateline,
        source: working.source,
        sectionId: working.sectionId,
        body: doc("Boats leave every half hour."),
      }),
    );
    // Saved but not yet published: readers' search still has the live text.
    expect(await headlines("newwording")).toEqual([]);
    ok(
      await TRANSITION_COMMANDS.publishUpdate.execute(editor.claims, {
        id,
        fromStatus: "published",
      }),
    );
    expect(await headlines("oldwording")).toEqual([]);
    expect(await headlines("newwording")).toEqual(["Ferry timetable newwording"]);
    ok(await TRANSITION_COMMANDS.unpublish.execute(editor.claims, { id, fromStatus: "published" }));
    expect(await headlines("newwording")).toEqual([]);
    ok(await TRANSITION_COMMANDS.publish.execute(editor.claims, { id, fromStatus: "unpublished" }));
    expect(await headlines("newwording")).toEqual(["Ferry timetable newwording"]);
  });
});

describe("a bounded search: the newest matches, and a count that says when it stopped", () => {
  const BULK = SEARCH_LIMIT + 5;
  beforeAll(async () => {
    const now = new Date();
    // Newest first: story n is n + 1 minutes old.
    await bulkLiveStories(reporter, BULK, {
      headline: "Quorvex report {n}",
      body: "Number {n} of the quorvex series, about the plumvine and the harbour.",
      before: now,
    });
    const old = await publishedStory(reporter, editor, {
      headline: "Quorvex ancientmark edition",
      paragraphs: ["An old note on the harbour plumvine."],
    });
    await setLivePublishedAt(old.id, new Date(now.getTime() - 3_650 * DAY_MS));
    await publishedStory(reporter, editor, {
      headline: "Gardeners report",
      paragraphs: ["This year's harbour plumvine crop is early."],
    });
  }, 120_000);

  it("says there are more than SEARCH_LIMIT and ranks the newest of them", async () => {
    const first = await searchStories("quorvex", 1, 10);
    expect(first.count).toBe("over");
    expect(first.total).toBe(SEARCH_LIMIT);
    expect(first.hits.map((h) => h.headline)).toEqual(
      Array.from({ length: 10 }, (_, n) => `Quorvex report ${n}`),
    );
  });

  it("pages up to the limit and no further", async () => {
    const perPage = 10;
    const last = await searchStories("quorvex", SEARCH_LIMIT / perPage, perPage);
    expect(last.hits).toHaveLength(perPage);
    expect(last.hits.at(-1)!.headline).toBe(`Quorvex report ${SEARCH_LIMIT - 1}`);
    expect((await searchStories("quorvex", SEARCH_LIMIT / perPage + 1, perPage)).hits).toEqual([]);
    // A page size that does not divide the limit stops at the limit too.
    const ragged = await searchStories("quorvex", 3, 400);
    expect(ragged.hits).toHaveLength(SEARCH_LIMIT - 800);
  });

  it("leaves out older matches beyond the limit; a narrower search finds them", async () => {
    expect((await headlines("quorvex")).filter((h) => h.includes("ancientmark"))).toEqual([]);
    const narrow = await searchStories("quorvex ancientmark", 1, 10);
    expect(narrow.hits.map((h) => h.headline)).toEqual(["Quorvex ancientmark edition"]);
    expect(narrow).toMatchObject({ total: 1, count: "exact" });
  });

  it("treats a phrase with stop words inside as a phrase", async () => {
    // `plumvine <3> harbour`: the bulk stories have it; the gardeners' story has the words apart.
    const result = await searchStories('"plumvine and the harbour"', 1, 10);
    expect(result.hits[0]!.headline).toBe("Quorvex report 0");
    expect(result.hits.map((h) => h.headline)).not.toContain("Gardeners report");
  });

  it("checks a phrase in the newest candidates and says older stories may match", async () => {
    // Every bulk story has both words, never side by side: only the newest are checked.
    const phrase = await searchStories('"harbour plumvine"', 1, 10);
    expect(phrase.hits.map((h) => h.headline)).toEqual(["Gardeners report"]);
    expect(phrase).toMatchObject({ total: 1, count: "recent" });
    // With a word that narrows the candidates, the old story is checked too.
    const narrower = await searchStories('"harbour plumvine" old note', 1, 10);
    expect(narrower.hits.map((h) => h.headline)).toEqual(["Quorvex ancientmark edition"]);
    expect(narrower.count).toBe("exact");
  });

  it("says there are more than CHECKED_LIMIT when every checked candidate matched", async () => {
    const result = await searchStories('"quorvex series"', 1, 10);
    expect(result).toMatchObject({ total: CHECKED_LIMIT, count: "over" });
    expect(result.hits[0]!.headline).toBe("Quorvex report 0");
  });

  it("checks an exclusions-only query in the newest stories", async () => {
    const result = await searchStories("-quorvex", 1, 50);
    expect(result.count).toBe("recent");
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.map((h) => h.headline).filter((h) => /quorvex/i.test(h))).toEqual([]);
  });
});

describe("date spans (server/reader/search-windows.ts)", () => {
  /** Checks the spans for `today`: they tile day 0 to LAST_DAY, newest first, growing at most 2×. */
  const checkSpans = (today: number) => {
    const spans = spanBlocks(today).map((blocks) => blocks.map(blockDays));
    expect(spans.length).toBeLessThanOrEqual(SEARCH_SPAN_COUNT);
    // The first span runs from today (or day 0, or past LAST_DAY) to LAST_DAY, in order.
    let next = Math.min(LAST_DAY + 1, Math.max(0, today));
    for (const [from, to] of spans[0]!) {
      expect(from).toBe(next);
      next = to + 1;
    }
    if (spans[0]!.length > 0) expect(next).toBe(LAST_DAY + 1);
    // Then one block each, back to day 0, each ending the day before the last one began.
    let start = Math.min(LAST_DAY + 1, Math.max(0, today));
    let length = 1;
    for (const blocks of spans.slice(1)) {
      expect(blocks).toHaveLength(1);
      const [from, to] = blocks[0]!;
      expect(to).toBe(start - 1);
      expect(to - from + 1).toBeLessThanOrEqual(2 * length);
      length = to - from + 1;
      start = from;
    }
    expect(start).toBe(0);
  };

  it("tile every day from 1900 to 2199, newest first, each at most twice the one before", () => {
    fc.assert(fc.property(fc.integer({ min: -500, max: LAST_DAY + 500 }), checkSpans));
    // Every day a search can be made on fits the statement's fixed number of spans.
    let most = 0;
    for (let today = 0; today <= LAST_DAY + 1; today++) {
      most = Math.max(most, spanBlocks(today).length);
    }
    expect(most).toBeLessThanOrEqual(SEARCH_SPAN_COUNT);
  });

  it("start with today onwards, then yesterday, one block each", () => {
    const spans = searchWindows(new Date(Date.UTC(2026, 10, 28, 12))).spans;
    expect(spans).toHaveLength(SEARCH_SPAN_COUNT);
    // 2026-11-28 is day 46,352 from 1900-01-01, a multiple of 16: the first block ahead is
    // that day and the 15 after it.
    expect(spans[0]!.split(" | ")[0]).toBe("'b4 2897'");
    expect(spans[1]).toBe("'b0 46351'");
    expect(spans[2]).toBe("'b0 46350'");
    expect(spans[3]).toBe("'b1 23174'");
    expect(spans.at(-1)).toBe("'b0 -1'");
  });
});
