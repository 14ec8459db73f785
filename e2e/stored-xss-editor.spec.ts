import { expect, type Page, type Request, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { CspWatcher, settle } from "./support/csp";
import { isSaveRequest, savedVersionIn } from "./support/local-copies";
import { openStoryLink, StoryEditor } from "./support/story-editor";
import { addStaffAsAdmin } from "./support/users";
import { uniqueStaff } from "./support/workflow";

/**
 * THREATS row 15, stored XSS aimed at editors: a reporter's story carries hostile markup in
 * every field it has (headline, standfirst, body text, a link, a figure's alt, caption and
 * credit, a pull quote's attribution), some typed in the editor and some sent straight to the
 * save action; links in every disguise of `javascript:` are refused by that action. An editor
 * then opens it from the review queue, in the editor and in its preview, while every dialog
 * and every Content-Security-Policy violation is watched: none may happen, nothing of the
 * payload may run or become markup, and each payload must be on the page as plain text.
 * (Named to sort after foundation.spec.ts.)
 */
const reporter = uniqueStaff("Xavier Payload");
const editor = uniqueStaff("Evelyn Review");
const tag = reporter.email.slice(3, 11);

const P = {
  headline: `<script>window.__xss=1;alert(1)</script><img src=x onerror=alert(2)> ${tag}`,
  standfirst: `"><svg onload=alert(3)><a href="javascript:alert(4)">more</a></textarea><script>alert(5)</script>`,
  typed: "<iframe src=javascript:alert(6)></iframe><img src=x onerror=window.__xss=7>",
  raw: "</p><script>window.__xss=8</script><p>",
  linkText: "a link that tries to break out",
  linkHref: 'https://example.com/?q="><script>alert(9)</script>',
  linkTitle: '" onmouseover="alert(10)" x="',
  alt: '"><img src=x onerror=alert(11)>',
  caption: "</figcaption><script>alert(12)</script>",
  credit: "<img src=x onerror=alert(13)>",
  quote: "<style>body{display:none}</style>Quoted words",
  attribution: '</figcaption><a href="javascript:alert(14)">who</a>',
};

/** `javascript:` (and kin) as browsers and URL parsers can be fooled into reading it. */
const HOSTILE_HREFS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "\u0001javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "javascript&#58;alert(1)",
  "javascript&colon;alert(1)",
  "&#106;avascript:alert(1)",
  "&#x6A;avascript:alert(1)",
  "%6Aavascript:alert(1)",
  "javascript%3Aalert(1)",
  "jav&#x09;ascript:alert(1)",
  "\\u006aavascript:alert(1)",
  "javascript://example.com/%0Aalert(1)",
  "data:text/html,<script>alert(1)</script>",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "vbscript:msgbox(1)",
  "//evil.example/x",
  "/relative/path",
];

const MEDIA_ID = "0b5a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

function hostileBody() {
  return {
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text: P.typed }] },
      { type: "paragraph", content: [{ type: "text", text: P.raw }] },
      {
        type: "paragraph",
        content: [
          {
            type: "text",
            text: P.linkText,
            marks: [{ type: "link", attrs: { href: P.linkHref, title: P.linkTitle } }],
          },
        ],
      },
      {
        type: "figure",
        attrs: {
          mediaId: MEDIA_ID,
          src: `/media/${MEDIA_ID}/640.webp`,
          width: null,
          height: null,
          alt: P.alt,
          caption: P.caption,
          credit: P.credit,
        },
      },
      {
        type: "pullQuote",
        attrs: { attribution: P.attribution },
        content: [{ type: "text", text: P.quote }],
      },
    ],
  };
}

function bodyWithLink(href: string) {
  return {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href } }] }],
      },
    ],
  };
}

/** Sends the captured save again, as the same person, with some of its fields replaced. */
async function saveRaw(page: Page, captured: Request, changes: Record<string, unknown>) {
  const all = await captured.allHeaders();
  const headers: Record<string, string> = { origin: new URL(captured.url()).origin };
  for (const name of ["next-action", "next-router-state-tree", "content-type", "accept"]) {
    const value = all[name];
    if (value) headers[name] = value;
  }
  const args = JSON.parse(captured.postData() ?? "") as Record<string, unknown>[];
  const response = await page.request.post(captured.url(), {
    headers,
    data: JSON.stringify([{ ...args[0], ...changes, kind: "manual" }]),
    maxRedirects: 0,
  });
  expect(response.status()).toBe(200);
  return response.text();
}

/**
 * Nothing of the payloads became live markup: no event-handler attribute, no script that
 * neither came from a file nor carries the page's nonce, no `javascript:`/`data:` address,
 * no `<img src=x>`, and the canary the payloads set is unset.
 */
async function expectInert(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) out.push(`${el.tagName} ${attr.name}=${attr.value}`);
        if (
          ["href", "src", "action", "formaction", "xlink:href", "srcdoc"].includes(attr.name) &&
          /^\s*(javascript|data|vbscript):/i.test(attr.value.replace(/[\t\n\r]/g, ""))
        ) {
          out.push(`${el.tagName} ${attr.name}=${attr.value}`);
        }
      }
    }
    for (const s of Array.from(document.scripts)) {
      const type = s.getAttribute("type") ?? "";
      if (!s.src && !s.nonce && type !== "application/ld+json") {
        out.push(`script: ${(s.textContent ?? "").slice(0, 80)}`);
      }
    }
    for (const img of Array.from(document.images)) {
      if (img.getAttribute("src") === "x") out.push("img src=x");
    }
    for (const tagName of ["iframe", "svg[onload]", "style:not([nonce])"]) {
      for (const el of Array.from(document.querySelectorAll(`body ${tagName}`))) {
        out.push(`${tagName}: ${el.outerHTML.slice(0, 80)}`);
      }
    }
    if ("__xss" in window) out.push(`__xss=${String((window as { __xss?: unknown }).__xss)}`);
    return out;
  });
  expect(found, where).toEqual([]);
}

test("a story full of XSS payloads opens for an editor, in the editor and its preview, with no script run, no dialog and no CSP violation", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const baseURL = testInfo.project.use.baseURL;
  await addStaffAsAdmin(browser, baseURL, [
    [reporter, "reporter"],
    [editor, "editor"],
  ]);
  const csp = new CspWatcher();
  const dialogs: string[] = [];
  const watch = (page: Page) =>
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()} on ${page.url()}`);
      void dialog.dismiss();
    });

  try {
    // The reporter types what the editor lets them type...
    const page = await csp.page(browser, { baseURL });
    watch(page);
    await signIn(page, reporter.email, reporter.password);
    const desk = new StoryEditor(page);
    const id = await desk.writeNew({
      headline: P.headline,
      standfirst: P.standfirst,
      section: "World",
      paragraphs: [P.typed],
    });

    // ...and sends the rest straight to the save action, as a hand-made request would.
    // The save's request and answer are taken on their way (Chromium may not keep the body
    // of an action's streamed answer for page.waitForResponse).
    const saves: { request: Request; answer: string }[] = [];
    await page.route("**/newsroom/articles/**", async (route) => {
      if (!isSaveRequest(route.request())) return route.continue();
      const response = await route.fetch();
      const answer = await response.text();
      saves.push({ request: route.request(), answer });
      await route.fulfill({ response, body: answer });
    });
    await desk.appendParagraphs(["One more line."]);
    await desk.button("Save").click();
    await expect(desk.saveState).toHaveText("Saved");
    await page.unroute("**/newsroom/articles/**");
    const last = saves.at(-1);
    if (!last) throw new Error("no save was sent");
    const version = savedVersionIn(last.answer);
    const captured = last.request;
    await page.goto("/newsroom");

    for (const href of HOSTILE_HREFS) {
      const answer = await saveRaw(page, captured, {
        baseVersion: version,
        body: bodyWithLink(href),
      });
      expect(answer, `a link to ${JSON.stringify(href)}`).toContain('"code":"invalid"');
    }
    const stored = await saveRaw(page, captured, { baseVersion: version, body: hostileBody() });
    expect(stored).toContain('"ok":true');

    await desk.open(id);
    await desk.transition("Submit for review", "In review");
    await settle(page);
    await expectInert(page, "the reporter's editor");

    // The editor finds it in the review queue, by its (hostile) headline, as text.
    const deskPage = await csp.page(browser, { baseURL });
    watch(deskPage);
    await signIn(deskPage, editor.email, editor.password);
    const review = await openStoryLink(deskPage, "/newsroom/review", P.headline);
    await settle(deskPage);
    await expectInert(deskPage, "the editor page");
    await expect(deskPage.getByLabel("Headline", { exact: true })).toHaveValue(P.headline);
    await expect(deskPage.getByLabel("Standfirst", { exact: true })).toHaveValue(P.standfirst);
    await expect(review.body).toContainText(P.typed);
    await expect(review.body).toContainText(P.raw);
    await expect(review.body).toContainText(P.quote);
    const link = review.body.getByText(P.linkText);
    await expect(link).toHaveAttribute("href", new URL(P.linkHref).href);
    await expect(review.body.locator("figure img")).toHaveAttribute("alt", P.alt);
    await expect(review.body.getByLabel("Caption", { exact: true })).toHaveValue(P.caption);
    await expect(review.body.getByLabel("Credit", { exact: true })).toHaveValue(P.credit);
    expect(
      await deskPage.evaluate(() => document.querySelectorAll("a[href^=javascript]").length),
    ).toBe(0);

    // The preview: the reader page of the working copy.
    await deskPage.goto(`/newsroom/articles/${id}/preview`);
    await settle(deskPage);
    await expectInert(deskPage, "the preview");
    await expect(deskPage.getByRole("heading", { level: 1 })).toHaveText(P.headline);
    const main = deskPage.getByRole("main");
    await expect(main).toContainText(P.standfirst);
    await expect(main).toContainText(P.typed);
    await expect(main).toContainText(P.raw);
    await expect(main).toContainText(P.quote);
    await expect(main.locator("figcaption").filter({ hasText: P.caption })).toContainText(P.credit);
    await expect(main.locator("figure img")).toHaveAttribute("alt", P.alt);
    const previewLink = main.getByRole("link", { name: P.linkText });
    await expect(previewLink).toHaveAttribute("href", new URL(P.linkHref).href);

    expect(dialogs).toEqual([]);
    csp.expectNone();
  } finally {
    await csp.closeAll();
  }
});
