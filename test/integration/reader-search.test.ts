import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { MARK_END, MARK_START, splitHighlights } from "@/lib/reader/search-text";
import { saveArticle } from "@/server/articles/commands/save-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import { CHECKED_LIMIT, SEARCH_LIMIT, searchStories } from "@/server/reader/search";
import {
  dayLexemes,
  FIRST_DAY,
  LAST_DAY,
  SEARCH_SPAN_COUNT,
  spanDays,
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
  /** The UTC days a lexeme names, as [first, last]. */
  const daysOf = (lexeme: string): [number, number] => {
    const [kind, value] = lexeme.split(" ") as [string, string];
    const [y, m, d] = value.split("-").map(Number) as [number, number?, number?];
    if (kind === "y") return [Date.UTC(y, 0, 1) / DAY_MS, Date.UTC(y + 1, 0, 1) / DAY_MS - 1];
    if (kind === "m") return [Date.UTC(y, m! - 1, 1) / DAY_MS, Date.UTC(y, m!, 1) / DAY_MS - 1];
    const day = Date.UTC(y, m! - 1, d!) / DAY_MS;
    return [day, day];
  };

  it("names exactly the days asked for, in as few lexemes as years and months allow", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
        fc.integer({ min: 0, max: 3_000 }),
        (from, length) => {
          const to = Math.min(LAST_DAY, from + length);
          const ranges = dayLexemes(from, to).map(daysOf);
          expect(ranges[0]![0]).toBe(from);
          expect(ranges.at(-1)![1]).toBe(to);
          for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1] + 1);
          // At most a month of days at each end, eleven months each side of whole years.
          expect(ranges.length).toBeLessThanOrEqual(31 + 11 + Math.ceil(length / 365) + 11 + 31);
        },
      ),
    );
    expect(dayLexemes(Date.UTC(2024, 0, 1) / DAY_MS, Date.UTC(2025, 2, 2) / DAY_MS)).toEqual([
      "y 2024",
      "m 2025-01",
      "m 2025-02",
      "d 2025-03-01",
      "d 2025-03-02",
    ]);
  });

  it("tiles every day from 1900 to 2199, newest first, in a fixed number of spans", () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY - 500, max: LAST_DAY + 500 }), (today) => {
        const spans = spanDays(today);
        expect(spans).toHaveLength(SEARCH_SPAN_COUNT);
        let next = LAST_DAY + 1;
        for (const [from, to] of spans) {
          if (from > to) continue; // empty
          expect(to).toBe(next - 1);
          next = from;
        }
        expect(next).toBe(FIRST_DAY);
      }),
    );
    const today = Date.UTC(2026, 10, 28) / DAY_MS;
    expect(spanDays(today).slice(0, 4)).toEqual([
      [today, LAST_DAY],
      [today - 1, today - 1],
      [today - 3, today - 2],
      [today - 7, today - 4],
    ]);
  });
});
