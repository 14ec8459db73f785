import { expect, type Locator, type Page } from "@playwright/test";

export type ListedRevision = { number: number; headline: string; kind: string; words: number };

/** The revision history page (/newsroom/articles/{id}/revisions), as a person uses it. */
export class RevisionHistory {
  constructor(
    readonly page: Page,
    readonly articleId: string,
  ) {}

  get path(): string {
    return `/newsroom/articles/${this.articleId}/revisions`;
  }

  async open(): Promise<void> {
    await this.page.goto(this.path);
    await expect(
      this.page.getByRole("heading", { level: 1, name: /^Revision history/ }),
    ).toBeVisible();
  }

  /** Table rows, newest revision first. */
  get rows(): Locator {
    return this.page.locator("tbody tr");
  }

  row(number: number): Locator {
    return this.page.getByTestId(`revision-${number}`);
  }

  /** Revisions as listed, newest first: number, headline, kind and word count. */
  async listed(): Promise<ListedRevision[]> {
    const out: ListedRevision[] = [];
    for (const row of await this.rows.all()) {
      const header = row.getByRole("rowheader");
      const number = Number(/Revision (\d+)/.exec((await header.textContent()) ?? "")?.[1]);
      const headline = (await header.getByTestId("revision-headline").textContent()) ?? "";
      const cells = await row.getByRole("cell").allTextContents();
      out.push({
        number,
        headline: headline.trim(),
        kind: cells[2]?.trim() ?? "",
        words: Number(cells[3]?.replace(/\D/g, "")),
      });
    }
    return out;
  }

  /**
   * The newest revision with this headline and word count. Autosave may also have kept
   * half-typed states (fewer words, or the old headline with new text); the newest one that
   * matches both is the finished version.
   */
  async newestMatching(wanted: { headline: string; words: number }): Promise<number> {
    const found = (await this.listed()).find(
      (r) => r.words === wanted.words && r.headline === wanted.headline,
    );
    if (!found) throw new Error(`no revision "${wanted.headline}" with ${wanted.words} words`);
    return found.number;
  }

  /** The `Restore this version` button of a row, then the dialog's confirmation. */
  async restore(number: number): Promise<void> {
    await this.row(number).getByRole("button", { name: "Restore this version" }).click();
    const dialog = this.page.getByRole("dialog", { name: `Restore revision ${number}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Restore", exact: true }).click();
  }
}

/** Words as a person counts them (the server's rule: letters and digits, with ' and -). */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}
