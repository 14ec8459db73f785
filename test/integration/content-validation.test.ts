import fc from "fast-check";
import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { renderDoc } from "@/lib/content/render";
import type { NodeJSON } from "@/lib/content/types";
import { validateDoc } from "@/lib/content/validate";
import { saveArticle } from "@/server/articles/commands/save-article";
import {
  doc,
  makeUser,
  ok,
  sectionId,
  storyState,
  type TestUser,
  workingRevision,
  writeStory,
} from "../support/fixtures";

/**
 * THREATS 11–14, 39: hostile story bodies posted straight to the save command, and the
 * validator and renderer on their own. A refused body changes nothing; an accepted one
 * renders to HTML with no script, no event handler and no javascript: URL.
 */

const linkDoc = (href: unknown) => ({
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [{ type: "text", text: "click me", marks: [{ type: "link", attrs: { href } }] }],
    },
  ],
});

const para = (...content: unknown[]) => ({
  type: "doc",
  content: [{ type: "paragraph", content }],
});

/** After WordPress's test_wp_kses_bad_protocol: the spellings browsers still run. */
const HOSTILE_HREFS = [
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "JAVASCRIPT:alert(1)",
  "jAvAsCrIpT:alert(1)",
  " javascript:alert(1)",
  "   javascript:alert(1)",
  "\u0001javascript:alert(1)",
  "\u0000javascript:alert(1)",
  "\u001fjavascript:alert(1)",
  "\u00a0javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "java\rscript:alert(1)",
  "jav\u0000ascript:alert(1)",
  "javascript\t:alert(1)",
  "javascript&#58;alert(1)",
  "javascript&#x3A;alert(1)",
  "javascript&colon;alert(1)",
  "&#106;avascript:alert(1)",
  "&#x6A;avascript:alert(1)",
  "%6Aavascript:alert(1)",
  "javascript%3Aalert(1)",
  "javascript://example.com/%0Aalert(1)",
  "data:text/html,<script>alert(1)</script>",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "DATA:text/html,<script>alert(1)</script>",
  "data:image/svg+xml,<svg onload=alert(1)>",
  "vbscript:msgbox(1)",
  "VBScript:msgbox(1)",
  "file:///etc/passwd",
  "ftp://example.com/x",
  "//evil.example/x",
  "/relative/path",
  "",
  "https://",
  42,
  null,
  { href: "https://example.com" },
];

/** A document of every kind the editor produces, in the stored (normalised) form. */
const RICH_DOC = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "A heading" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Plain, " },
        { type: "text", marks: [{ type: "bold" }], text: "bold" },
        { type: "text", text: ", " },
        { type: "text", marks: [{ type: "italic" }], text: "italic" },
        { type: "text", text: " and " },
        {
          type: "text",
          marks: [
            {
              type: "link",
              attrs: {
                href: "https://example.com/report?id=1",
                target: null,
                rel: "noopener noreferrer nofollow",
                class: null,
                title: null,
              },
            },
          ],
          text: "a link",
        },
        { type: "hardBreak" },
        {
          type: "text",
          marks: [
            {
              type: "link",
              attrs: {
                href: "mailto:desk@example.com",
                target: null,
                rel: "noopener noreferrer nofollow",
                class: null,
                title: null,
              },
            },
          ],
          text: "mail us",
        },
      ],
    },
    { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Smaller" }] },
    {
      type: "bulletList",
      content: [
        {
          type: "listItem",
          content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }],
        },
        {
          type: "listItem",
          content: [{ type: "paragraph", content: [{ type: "text", text: "two" }] }],
        },
      ],
    },
    {
      type: "orderedList",
      attrs: { start: 1, type: null },
      content: [
        {
          type: "listItem",
          content: [{ type: "paragraph", content: [{ type: "text", text: "first" }] }],
        },
      ],
    },
    {
      type: "blockquote",
      content: [{ type: "paragraph", content: [{ type: "text", text: "A quotation." }] }],
    },
    { type: "horizontalRule" },
    {
      type: "pullQuote",
      attrs: { attribution: "A Minister" },
      content: [{ type: "text", text: "We will." }],
    },
    { type: "paragraph", content: [{ type: "text", text: "Zoë’s café — “quoted” ‏עברית 👩‍👩‍👧" }] },
  ],
};

// ---------------------------------------------------------------------------------------
// Checks on rendered HTML.

function render(body: NodeJSON, dateline = "LONDON"): string {
  return renderToStaticMarkup(createElement(Fragment, null, renderDoc(body, { dateline })));
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#([0-9]+);?/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ":")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

const SAFE_TAGS = new Set([
  "p",
  "span",
  "h2",
  "h3",
  "ul",
  "ol",
  "li",
  "blockquote",
  "hr",
  "br",
  "figure",
  "figcaption",
  "img",
  "aside",
  "a",
  "strong",
  "em",
  "u",
  "s",
]);

/** Problems in the markup itself (tags and attributes); text content may say anything. */
function markupProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push("has a <script");
  for (const [tag] of html.matchAll(/<\/?[a-zA-Z][^>]*>/g)) {
    const name = /^<\/?([a-zA-Z0-9]+)/.exec(tag)![1]!.toLowerCase();
    if (!SAFE_TAGS.has(name)) problems.push(`unexpected element ${tag}`);
    // Attribute names only: quoted values may say anything (React escapes the quotes).
    const names = tag.replace(/"[^"]*"/g, '""');
    if (/\son[a-z]+\s*=/i.test(names)) problems.push(`event attribute in ${tag}`);
    if (/\sstyle\s*=/i.test(names)) problems.push(`style attribute in ${tag}`);
    for (const [, attr, value] of tag.matchAll(/\s([a-zA-Z-]+)="([^"]*)"/g)) {
      // What a browser ignores in a URL: C0 controls and spaces anywhere, tabs/newlines inside.
      const v = [...decodeEntities(value!)]
        .filter((c) => c.charCodeAt(0) > 0x20)
        .join("")
        .toLowerCase();
      if (/^(javascript|vbscript|data):/.test(v)) problems.push(`${attr}="${value}" in ${tag}`);
      if ((attr === "href" || attr === "src") && !/^(https?:|mailto:|\/)/.test(v)) {
        problems.push(`unsafe ${attr} in ${tag}`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------

let reporter: TestUser;
let story: { id: string; version: number };
let section: string;

beforeAll(async () => {
  reporter = await makeUser("reporter");
  story = await writeStory(reporter);
  section = await sectionId();
});

/** Saves `body` to the shared draft from its current version. */
async function saveBody(body: unknown) {
  const before = await storyState(story.id);
  const result = await saveArticle.execute(reporter.claims, {
    id: story.id,
    baseVersion: before.version,
    headline: `Body test ${before.version}`,
    sectionId: section,
    body,
  });
  return { result, before };
}

/** The body is refused by the save command with a field message, and nothing is stored. */
async function expectSaveRefused(body: unknown) {
  const { result, before } = await saveBody(body);
  expect(result).toMatchObject({
    ok: false,
    error: { code: "invalid", fields: { body: expect.any(String) } },
  });
  expect(await storyState(story.id)).toEqual(before);
}

describe("link protocols", () => {
  it.each(HOSTILE_HREFS.map((h) => [JSON.stringify(h), h]))(
    "refuses href %s in validateDoc and in saveArticle",
    async (_, href) => {
      expect(validateDoc(linkDoc(href)).ok).toBe(false);
      await expectSaveRefused(linkDoc(href));
    },
  );

  it.each([
    ["https://example.com/a?b=c#d", "https://example.com/a?b=c#d"],
    ["http://example.com", "http://example.com/"],
    ["HTTPS://EXAMPLE.COM/X", "https://example.com/X"],
    ["mailto:desk@example.com", "mailto:desk@example.com"],
    ["  https://example.com/padded  ", "https://example.com/padded"],
  ])("accepts %s, stored as %s", (href, stored) => {
    const result = validateDoc(linkDoc(href));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const mark = result.doc.content![0]!.content![0]!.marks![0]!;
    expect(mark.attrs?.href).toBe(stored);
    expect(markupProblems(render(result.doc))).toEqual([]);
  });
});

describe("unknown nodes, marks, attributes and fields", () => {
  const cases: [string, unknown][] = [
    ["a script node", { type: "doc", content: [{ type: "script", text: "alert(1)" }] }],
    [
      "an iframe node",
      { type: "doc", content: [{ type: "iframe", attrs: { src: "https://evil.example" } }] },
    ],
    [
      "an html node",
      { type: "doc", content: [{ type: "html", text: "<img src=x onerror=alert(1)>" }] },
    ],
    [
      "a rawHTML node",
      { type: "doc", content: [{ type: "rawHTML", attrs: { html: "<script>" } }] },
    ],
    [
      "a codeBlock (not in the schema)",
      { type: "doc", content: [{ type: "codeBlock", content: [{ type: "text", text: "x" }] }] },
    ],
    ["a node with no type", { type: "doc", content: [{ content: [] }] }],
    ["a numeric type", { type: "doc", content: [{ type: 7 }] }],
    [
      "onerror on a paragraph",
      { type: "doc", content: [{ type: "paragraph", attrs: { onerror: "alert(1)" } }] },
    ],
    [
      "style on a heading",
      {
        type: "doc",
        content: [
          {
            type: "heading",
            attrs: { level: 2, style: "position:fixed" },
            content: [{ type: "text", text: "x" }],
          },
        ],
      },
    ],
    [
      "onerror on a figure",
      {
        type: "doc",
        content: [
          {
            type: "figure",
            attrs: {
              src: "/media/123e4567-e89b-12d3-a456-426614174000/photo.webp",
              onerror: "alert(1)",
            },
          },
        ],
      },
    ],
    [
      "a javascript: figure src",
      { type: "doc", content: [{ type: "figure", attrs: { src: "javascript:alert(1)" } }] },
    ],
    [
      "an external figure src",
      { type: "doc", content: [{ type: "figure", attrs: { src: "https://evil.example/x.png" } }] },
    ],
    ["onclick on a link mark", linkDocWith({ href: "https://example.com", onclick: "alert(1)" })],
    [
      "style on a link mark",
      linkDocWith({ href: "https://example.com", style: "color:red;background:url(//x)" }),
    ],
    [
      "attributes on bold",
      para({ type: "text", text: "x", marks: [{ type: "bold", attrs: { style: "color:red" } }] }),
    ],
    [
      "a textStyle mark with colour",
      para({
        type: "text",
        text: "x",
        marks: [{ type: "textStyle", attrs: { color: "red;background:url(//x)" } }],
      }),
    ],
    ["a highlight mark", para({ type: "text", text: "x", marks: [{ type: "highlight" }] })],
    [
      "an unknown field on a mark",
      para({ type: "text", text: "x", marks: [{ type: "bold", html: "<b>" }] }),
    ],
    [
      "an unknown top-level field",
      { type: "doc", content: [{ type: "paragraph" }], html: "<script>alert(1)</script>" },
    ],
    [
      "an unknown field on a node",
      { type: "doc", content: [{ type: "paragraph", html: "<script>" }] },
    ],
    [
      "a __proto__ field",
      JSON.parse('{"type":"doc","content":[{"type":"paragraph"}],"__proto__":{"polluted":true}}'),
    ],
    ["a constructor type", { type: "doc", content: [{ type: "constructor" }] }],
    ["a toString type", { type: "doc", content: [{ type: "toString" }] }],
    [
      "heading level 1",
      {
        type: "doc",
        content: [
          { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Big" }] },
        ],
      },
    ],
    [
      "heading level 7",
      {
        type: "doc",
        content: [{ type: "heading", attrs: { level: 7 }, content: [{ type: "text", text: "x" }] }],
      },
    ],
    [
      "heading level as a string",
      {
        type: "doc",
        content: [
          { type: "heading", attrs: { level: "2" }, content: [{ type: "text", text: "x" }] },
        ],
      },
    ],
    ["text directly in the doc", { type: "doc", content: [{ type: "text", text: "loose" }] }],
    ["a paragraph inside a paragraph", para({ type: "paragraph" })],
    ["an empty text node", para({ type: "text", text: "" })],
    ["text on a paragraph", { type: "doc", content: [{ type: "paragraph", text: "x" }] }],
    ["a root that is not a doc", { type: "paragraph", content: [] }],
    ["a string body", "<p>hello</p>"],
    ["a number body", 42],
    ["an array body", [{ type: "doc" }]],
    ["a null body", null],
    ["content that is not a list", { type: "doc", content: { 0: { type: "paragraph" } } }],
    ["marks that are not a list", para({ type: "text", text: "x", marks: "bold" })],
    [
      "eleven marks",
      para({
        type: "text",
        text: "x",
        marks: Array.from({ length: 11 }, () => ({ type: "bold" })),
      }),
    ],
  ];

  it.each(cases)("refuses %s in validateDoc and in saveArticle", async (_, body) => {
    expect(() => validateDoc(body)).not.toThrow();
    expect(validateDoc(body).ok).toBe(false);
    await expectSaveRefused(body);
  });

  function linkDocWith(attrs: Record<string, unknown>) {
    return para({ type: "text", text: "x", marks: [{ type: "link", attrs }] });
  }
});

describe("size, depth and characters", () => {
  it("refuses 10,000-deep nesting without crashing (blockquotes and lists)", async () => {
    let quotes: Record<string, unknown> = {
      type: "paragraph",
      content: [{ type: "text", text: "deep" }],
    };
    let lists: Record<string, unknown> = {
      type: "paragraph",
      content: [{ type: "text", text: "deep" }],
    };
    for (let i = 0; i < 10_000; i++) {
      quotes = { type: "blockquote", content: [quotes] };
      lists = { type: "bulletList", content: [{ type: "listItem", content: [lists] }] };
    }
    for (const body of [
      { type: "doc", content: [quotes] },
      { type: "doc", content: [lists] },
    ]) {
      const result = validateDoc(body);
      expect(result).toMatchObject({ ok: false, reason: expect.stringContaining("nested") });
      await expectSaveRefused(body);
    }
  });

  it("accepts the nesting an editor really produces (a few levels)", () => {
    let node: Record<string, unknown> = {
      type: "paragraph",
      content: [{ type: "text", text: "ok" }],
    };
    for (let i = 0; i < 5; i++) {
      node = {
        type: "bulletList",
        content: [
          {
            type: "listItem",
            content: [{ type: "paragraph", content: [{ type: "text", text: `level ${i}` }] }, node],
          },
        ],
      };
    }
    expect(validateDoc({ type: "doc", content: [node] }).ok).toBe(true);
  });

  it("refuses over-size text (1.1 million characters)", async () => {
    const body = doc("x".repeat(1_100_000));
    expect(validateDoc(body)).toMatchObject({ ok: false, reason: expect.stringContaining("long") });
    await expectSaveRefused(body);
  });

  it("refuses over-size text spread over many paragraphs, and too many nodes", async () => {
    const spread = doc(...Array.from({ length: 110 }, () => "y".repeat(10_000)));
    expect(validateDoc(spread).ok).toBe(false);
    const many = doc(...Array.from({ length: 70_000 }, () => "z"));
    expect(validateDoc(many).ok).toBe(false);
    await expectSaveRefused(spread);
  });

  it("refuses a giant attribute rather than storing it", () => {
    const body = {
      type: "doc",
      content: [
        {
          type: "pullQuote",
          attrs: { attribution: "a".repeat(100_000) },
          content: [{ type: "text", text: "q" }],
        },
      ],
    };
    const result = validateDoc(body);
    // Either refused or cut down to the attribute limit; never stored whole.
    if (result.ok) {
      expect(String(result.doc.content![0]!.attrs!.attribution).length).toBeLessThanOrEqual(2_000);
    }
  });

  it("refuses NUL in text", async () => {
    const body = doc("before\u0000after");
    expect(validateDoc(body).ok).toBe(false);
    await expectSaveRefused(body);
  });

  it("stores lone surrogates as U+FFFD: the stored text is well-formed", async () => {
    const body = doc("high \ud800 low \udc00 end\ud83d", "pair 👍 kept");
    const result = validateDoc(body);
    expect(result.ok).toBe(true);
    const { result: saved } = await saveBody(body);
    ok(saved);
    const stored = (await workingRevision(story.id)).body;
    const texts = JSON.stringify(stored);
    const first = stored.content![0]!.content![0]!.text!;
    expect(first).toBe("high \ufffd low \ufffd end\ufffd");
    expect(first.isWellFormed()).toBe(true);
    expect(texts.isWellFormed()).toBe(true);
    expect(stored.content![1]!.content![0]!.text).toBe("pair 👍 kept");
  });

  it("stores text in NFC", async () => {
    const decomposed = "Zoe\u0308 cafe\u0301";
    const { result } = await saveBody(doc(decomposed));
    ok(result);
    const stored = (await workingRevision(story.id)).body;
    expect(stored.content![0]!.content![0]!.text).toBe("Zoë café".normalize("NFC"));
  });
});

describe("valid documents", () => {
  it("a document in the editor's own form round-trips unchanged through validateDoc", () => {
    const result = validateDoc(RICH_DOC);
    expect(result).toEqual({ ok: true, doc: RICH_DOC });
  });

  it("validateDoc is idempotent: validating its own output changes nothing", () => {
    // As a client may post it: attributes left to their defaults.
    const once = validateDoc({
      type: "doc",
      content: [
        { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph" }] }] },
        ...linkDoc("https://example.com/").content,
      ],
    });
    expect(once.ok).toBe(true);
    if (!once.ok) return;
    expect(validateDoc(once.doc)).toEqual(once);
  });

  it("a saved document reads back from the database exactly as validated", async () => {
    const validated = validateDoc(RICH_DOC);
    if (!validated.ok) throw new Error(validated.reason);
    const { result } = await saveBody(RICH_DOC);
    ok(result);
    expect((await workingRevision(story.id)).body).toEqual(validated.doc);
  });

  it("renders with the dateline leading the first paragraph and no unsafe markup", () => {
    const validated = validateDoc(RICH_DOC);
    if (!validated.ok) throw new Error(validated.reason);
    const html = render(validated.doc, "LONDON (Agency)");
    expect(html).toMatch(
      /^<h2>A heading<\/h2><p><span class="dateline">LONDON \(Agency\) — <\/span>Plain, /,
    );
    expect(html).toContain(
      '<a href="https://example.com/report?id=1" rel="noopener noreferrer nofollow">a link</a>',
    );
    expect(markupProblems(html)).toEqual([]);
  });
});

describe("rendered HTML of accepted documents", () => {
  const tricky = [
    doc("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '" onmouseover="alert(1)'),
    doc("javascript:alert(1) is only text here"),
    para({
      type: "text",
      text: "</a><script>x</script>",
      marks: [{ type: "link", attrs: { href: 'https://example.com/"><script>alert(1)</script>' } }],
    }),
    para({
      type: "text",
      text: "q",
      marks: [
        { type: "link", attrs: { href: "https://example.com/?q=<script>&x=javascript:alert(1)" } },
      ],
    }),
    {
      type: "doc",
      content: [
        {
          type: "figure",
          attrs: {
            mediaId: "123e4567-e89b-12d3-a456-426614174000",
            src: "/media/123e4567-e89b-12d3-a456-426614174000/photo.webp",
            alt: '" onerror="alert(1)',
            caption: "<script>alert(1)</script>",
            credit: "javascript:alert(1)",
          },
        },
        {
          type: "pullQuote",
          attrs: { attribution: '"><script>alert(1)</script>' },
          content: [{ type: "text", text: "x" }],
        },
      ],
    },
  ];

  it.each(tricky.map((d, i) => [i, d]))(
    "document %i is accepted and renders with clean markup",
    (_, body) => {
      const result = validateDoc(body);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const html = render(result.doc);
      expect(markupProblems(html)).toEqual([]);
      expect(html).not.toMatch(/<script/i);
    },
  );

  it("the renderer itself re-checks links and ignores unknown nodes, even in an unvalidated document", () => {
    const hostile = {
      type: "doc",
      content: [
        { type: "script", content: [{ type: "text", text: "alert(1)" }] },
        { type: "iframe", attrs: { src: "javascript:alert(1)" } },
        ...HOSTILE_HREFS.map((href) => ({
          type: "paragraph",
          attrs: { onclick: "alert(1)" },
          content: [
            {
              type: "text",
              text: "x",
              marks: [
                { type: "link", attrs: { href, onclick: "alert(1)" } },
                { type: "textStyle", attrs: { style: "x" } },
              ],
            },
          ],
        })),
        { type: "figure", attrs: { src: "javascript:alert(1)", onerror: "alert(1)" } },
        {
          type: "figure",
          attrs: { src: "/media/x.png", alt: "x", onerror: "alert(1)", style: "position:fixed" },
        },
        {
          type: "heading",
          attrs: { level: 1, style: "x" },
          content: [{ type: "text", text: "x" }],
        },
      ],
    } as NodeJSON;
    const html = render(hostile);
    expect(markupProblems(html)).toEqual([]);
    expect(html.toLowerCase()).not.toContain("javascript:");
    expect(html.toLowerCase()).not.toContain("vbscript:");
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe("property: random node trees", () => {
  const HOSTILE_STRINGS = fc.constantFrom(
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:x",
    "data:text/html,<script>x</script>",
    "vbscript:x",
    "<script>alert(1)</script>",
    '" onerror="alert(1)',
    "https://example.com/ok",
    'https://example.com/?q="><script>',
    "mailto:a@example.com",
    "/media/123e4567-e89b-12d3-a456-426614174000/a.webp",
    "123e4567-e89b-12d3-a456-426614174000",
    "\ud800",
    "\u0000",
  );
  const value = fc.oneof(
    { weight: 3, arbitrary: HOSTILE_STRINGS },
    fc.string({ maxLength: 20 }),
    fc.integer({ min: -2, max: 8 }),
    fc.constant(null),
    fc.boolean(),
    fc.anything({ maxDepth: 1 }),
  );
  const ATTR_NAMES = [
    "level",
    "href",
    "src",
    "alt",
    "start",
    "type",
    "attribution",
    "mediaId",
    "articleId",
    "caption",
    "credit",
    "width",
    "onerror",
    "onclick",
    "style",
    "class",
    "rel",
    "target",
    "title",
  ] as const;
  /** Usually no attributes (the valid case), sometimes a random handful. */
  const maybeAttrs = fc.option(
    fc.dictionary(fc.constantFrom(...ATTR_NAMES), value, { maxKeys: 3 }),
    { nil: undefined, freq: 4 },
  );
  const junk = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.record({
      type: fc.constantFrom(
        "script",
        "iframe",
        "html",
        "codeBlock",
        "textStyle",
        "doc",
        "__proto__",
      ),
      attrs: maybeAttrs,
      text: value,
    }),
  );
  const mark = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        { type: "bold" },
        { type: "italic" },
        { type: "strike" },
        { type: "underline" },
      ),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant("link"),
        attrs: fc.record(
          {
            href: fc.oneof(HOSTILE_STRINGS, fc.webUrl()),
            rel: value,
            title: value,
            onclick: value,
          },
          { requiredKeys: ["href"] },
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constantFrom("code", "textStyle", "highlight"),
        attrs: maybeAttrs,
      }),
    },
  );
  const textNode = fc.record(
    {
      type: fc.constant("text"),
      text: fc.oneof(
        HOSTILE_STRINGS,
        fc.string({ minLength: 1, maxLength: 30, unit: "grapheme" }),
        fc.string({ minLength: 1, maxLength: 10, unit: "binary" }),
      ),
      marks: fc.array(mark, { maxLength: 2 }),
    },
    { requiredKeys: ["type", "text"] },
  );
  const inline = fc.oneof(
    { weight: 12, arbitrary: textNode },
    { weight: 2, arbitrary: fc.constant({ type: "hardBreak" }) },
    { weight: 1, arbitrary: junk },
  );
  const inlines = fc.array(inline, { maxLength: 4 });
  const { block } = fc.letrec<{ block: unknown; listItem: unknown }>((tie) => ({
    block: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 8, arbitrary: fc.record({ type: fc.constant("paragraph"), content: inlines }) },
      {
        weight: 3,
        arbitrary: fc.record({
          type: fc.constant("heading"),
          attrs: fc.record({ level: fc.constantFrom(1, 2, 3, 3, 2, "2", 9) }),
          content: inlines,
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constantFrom("bulletList", "orderedList"),
          content: fc.array(tie("listItem"), { minLength: 1, maxLength: 3 }),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constant("blockquote"),
          content: fc.array(tie("block"), { minLength: 1, maxLength: 2 }),
        }),
      },
      { weight: 1, arbitrary: fc.constant({ type: "horizontalRule" }) },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constant("pullQuote"),
          attrs: fc.record({ attribution: value }),
          content: fc.array(textNode, { maxLength: 2 }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constant("figure"),
          attrs: fc.record(
            {
              mediaId: value,
              src: HOSTILE_STRINGS,
              alt: value,
              caption: value,
              credit: value,
              onerror: value,
            },
            { requiredKeys: ["src"] },
          ),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constant("relatedArticle"),
          attrs: fc.record({ articleId: value }),
        }),
      },
      { weight: 1, arbitrary: junk },
    ),
    listItem: fc.record({
      type: fc.constant("listItem"),
      content: fc
        .tuple(
          fc.record({ type: fc.constant("paragraph"), content: inlines }),
          fc.array(tie("block"), { maxLength: 2 }),
        )
        .map(([first, rest]) => [first, ...rest]),
    }),
  }));
  const documents = fc.oneof(
    {
      weight: 10,
      arbitrary: fc.record({
        type: fc.constant("doc"),
        content: fc.array(block, { minLength: 1, maxLength: 4 }),
      }),
    },
    { weight: 1, arbitrary: block },
    { weight: 1, arbitrary: fc.anything() },
  );

  it("validateDoc never throws, and whatever it accepts renders without script, on* or javascript:", () => {
    let accepted = 0;
    fc.assert(
      fc.property(documents, (raw) => {
        const result = validateDoc(raw);
        if (!result.ok) {
          expect(typeof result.reason).toBe("string");
          return;
        }
        accepted++;
        expect(JSON.stringify(result.doc).isWellFormed()).toBe(true);
        expect(markupProblems(render(result.doc))).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
    // The generator is meant to reach the renderer often, not only the refusals. About one
    // document in nine is accepted (197 to 228 of 2,000 over nine runs): 100 is far below
    // chance, so this fails only if the generator stops producing valid documents.
    expect(accepted).toBeGreaterThan(100);
  });

  it("whatever validateDoc accepts, it accepts again unchanged (idempotent)", () => {
    fc.assert(
      fc.property(documents, (raw) => {
        const result = validateDoc(raw);
        if (result.ok) expect(validateDoc(result.doc)).toEqual(result);
      }),
      { numRuns: 1_000 },
    );
  });
});
