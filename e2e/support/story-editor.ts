import { expect, type Locator, type Page } from "@playwright/test";

export type Story = {
  headline: string;
  standfirst?: string;
  dateline?: string;
  /** Label of a `Section` option, e.g. "Politics". */
  section?: string;
  source?: string;
  /** Body paragraphs. `**text**` inside a paragraph is typed in bold with Control+B. */
  paragraphs: string[];
};

const ARTICLE_URL =
  /\/newsroom\/articles\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/;

/** The article editor page (/newsroom/articles/{id}), as UI-CONTRACT.md names its parts. */
export class StoryEditor {
  constructor(readonly page: Page) {}

  get body(): Locator {
    return this.page.getByRole("textbox", { name: "Article body" });
  }

  /** The save-state live region. Matched by its possible texts: the page may hold other regions. */
  get saveState(): Locator {
    return this.page
      .getByRole("status")
      .filter({ hasText: /^\s*(Saved|Saving…|Unsaved changes|Offline)\s*$/ });
  }

  get status(): Locator {
    return this.page.getByTestId("article-status");
  }

  get publicPath(): Locator {
    return this.page.getByTestId("public-path");
  }

  button(name: string): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  /** Reporter's dashboard → `New article` → fill every field → `Save`. Returns the article id. */
  async writeNew(story: Story): Promise<string> {
    await this.page.goto("/newsroom");
    // The same link may be offered twice (navigation and page body): either will do.
    await this.page.getByRole("link", { name: "New article", exact: true }).first().click();
    await this.fill(story);
    await this.save();
    return this.articleId();
  }

  async fill(story: Story): Promise<void> {
    const { page } = this;
    await page.getByLabel("Headline", { exact: true }).fill(story.headline);
    if (story.standfirst !== undefined) {
      await page.getByLabel("Standfirst", { exact: true }).fill(story.standfirst);
    }
    if (story.dateline !== undefined) {
      await page.getByLabel("Dateline", { exact: true }).fill(story.dateline);
    }
    if (story.section !== undefined) {
      await chooseOption(page, page.getByLabel("Section", { exact: true }), story.section);
    }
    if (story.source !== undefined) {
      await page.getByLabel("Source", { exact: true }).fill(story.source);
    }
    await this.body.click();
    await this.typeParagraphs(story.paragraphs);
  }

  /** Types paragraphs at the caret; `**…**` toggles bold with the keyboard shortcut. */
  async typeParagraphs(paragraphs: string[]): Promise<void> {
    const { keyboard } = this.page;
    for (const [index, paragraph] of paragraphs.entries()) {
      if (index > 0) await keyboard.press("Enter");
      for (const [part, text] of paragraph.split("**").entries()) {
        if (part > 0) await keyboard.press("Control+B");
        if (text) await keyboard.type(text);
      }
    }
  }

  /** Adds paragraphs after the end of the existing body. */
  async appendParagraphs(paragraphs: string[]): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press("Control+End");
    await this.page.keyboard.press("Enter");
    await this.typeParagraphs(paragraphs);
  }

  async save(): Promise<void> {
    await this.button("Save").click();
    await expect(this.saveState).toHaveText("Saved");
  }

  /** Clicks a workflow button and waits for the article status it leads to. */
  async transition(button: string, expectedStatus: string): Promise<void> {
    await this.button(button).click();
    await expect(this.status).toHaveText(expectedStatus);
  }

  async articleId(): Promise<string> {
    await expect(this.page).toHaveURL(ARTICLE_URL);
    const match = ARTICLE_URL.exec(this.page.url());
    if (!match?.[1]) throw new Error(`no article id in ${this.page.url()}`);
    return match[1];
  }

  async open(id: string): Promise<void> {
    await this.page.goto(`/newsroom/articles/${id}`);
    await expect(this.status).toBeVisible();
  }

  /** Path of the story on the public site, `/{section}/{slug}`, as the editor page shows it. */
  async readPublicPath(): Promise<string> {
    await expect(this.publicPath).toHaveText(/^\s*\/[^/\s]+\/[^/\s]+\s*$/);
    return ((await this.publicPath.textContent()) ?? "").trim();
  }
}

/** Picks an option by label from a native select, or from a combobox's listbox. */
async function chooseOption(page: Page, field: Locator, label: string): Promise<void> {
  const tag = await field.evaluate((element) => element.tagName.toLowerCase());
  if (tag === "select") {
    await field.selectOption({ label });
    return;
  }
  await field.click();
  await page.getByRole("option", { name: label, exact: true }).click();
}

/** Opens a story from a list where each story is a link named by its headline. */
export async function openStoryLink(page: Page, listPath: string, headline: string) {
  await page.goto(listPath);
  await page.getByRole("link", { name: headline, exact: true }).first().click();
  const editor = new StoryEditor(page);
  await expect(editor.status).toBeVisible();
  return editor;
}
