import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { freePort, startNextServer } from "./next-server";

/**
 * A server of the comment suite's own: the production build on a fresh embedded database
 * and a free port. The suite needs /setup on an empty newsroom, which the shared server
 * (port 3100) only has before the first spec has run, so it does not depend on file order.
 */
export type OwnServer = { baseURL: string; stop(): Promise<void> };

export async function startOwnServer(): Promise<OwnServer> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-e2e-comments-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    SITE_URL: baseURL,
    NEXT_TELEMETRY_DISABLED: "1",
    // The test plays the proxy in front: each reader's X-Forwarded-For is believed, so every
    // reader has an address of their own. (Without TRUST_PROXY the app drops a client's own
    // X-Forwarded-For and every reader here would share 127.0.0.1.)
    TRUST_PROXY: "1",
  };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_URL;
  const { stop } = await startNextServer({
    port,
    env,
    readyURL: `${baseURL}/login`,
    cleanUp: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  });
  return { baseURL, stop };
}

/** The comment form on an article page, by the names UI-CONTRACT.md gives its parts. */
export class CommentForm {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole("heading", { name: "Leave a Reply", exact: true });
  }
  get name(): Locator {
    return this.page.getByLabel("Name", { exact: true });
  }
  get email(): Locator {
    return this.page.getByLabel("Email", { exact: true });
  }
  get comment(): Locator {
    return this.page.getByLabel("Comment", { exact: true });
  }
  get submit(): Locator {
    return this.page.getByRole("button", { name: "Post Comment", exact: true });
  }
  /** The confirmation, wherever it is shown (in place, or after the no-JavaScript redirect). */
  get pending(): Locator {
    return this.page.getByRole("status").filter({ hasText: "Your comment is awaiting moderation" });
  }
  get error(): Locator {
    return this.page.locator("#comments").getByRole("alert");
  }

  async post(fields: { name: string; email: string; body: string }): Promise<void> {
    await this.name.fill(fields.name);
    await this.email.fill(fields.email);
    await this.comment.fill(fields.body);
    await this.submit.click();
  }
}

/** The moderation queue entry showing this comment text. */
export function queueEntry(page: Page, text: string): Locator {
  return page.locator(".comment-queue > li").filter({ hasText: text });
}

/** A published comment on the article page, by (part of) its text. */
export function publishedComment(page: Page, text: string): Locator {
  return page.locator("#comments li.comment").filter({ hasText: text }).last();
}

/**
 * Records every dialog (and dismisses it): a comment that ran as script would open one.
 * The suite asserts the list is still empty after each test.
 */
export function watchDialogs(page: Page, seen: string[]): void {
  page.on("dialog", async (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
}

/**
 * An admin adds a member of staff and waits until the staff list shows them (the form goes
 * there by itself on success); a refusal fails with the form's own message.
 */
export async function addStaff(
  page: Page,
  person: { name: string; email: string; password: string },
  role: "reporter" | "editor" | "admin",
): Promise<void> {
  await page.goto("/newsroom/users/new");
  await page.getByLabel("Name", { exact: true }).fill(person.name);
  await page.getByLabel("Email", { exact: true }).fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create user", exact: true }).click();
  const listed = page.getByRole("link", { name: person.name, exact: true });
  const refused = page.locator("main").getByRole("alert").filter({ hasText: /\S/ });
  await listed.or(refused).first().waitFor({ timeout: 20_000 });
  if (await refused.isVisible()) {
    throw new Error(`could not add ${person.email}: ${await refused.textContent()}`);
  }
}
