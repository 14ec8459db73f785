import { type Browser, expect, type Page } from "@playwright/test";
import { signInAsAdmin } from "./auth";
import { admin, type Person, type Role } from "./people";

/** Admin adds a member of staff at /newsroom/users and checks they are listed. */
export async function createUser(page: Page, person: Person, role: Role): Promise<void> {
  await page.goto("/newsroom/users");
  // UI-CONTRACT.md allows `Add user` to be a link or a button.
  await page
    .getByRole("link", { name: "Add user", exact: true })
    .or(page.getByRole("button", { name: "Add user", exact: true }))
    .first()
    .click();
  await page.getByLabel("Name", { exact: true }).fill(person.name);
  await page.getByLabel("Email", { exact: true }).fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByLabel("Role", { exact: true }).selectOption(role);

  // Wait for the form's POST to be answered before navigating, or the navigation could cut it
  // off. (A server action's response headers come after the action has run; its RSC body may
  // stream on, so do not wait for the body.)
  const submitted = page.waitForResponse((response) => response.request().method() === "POST", {
    timeout: 15_000,
  });
  await page.getByRole("button", { name: "Create user" }).click();
  await submitted;

  await page.goto("/newsroom/users");
  await expect(page.getByText(person.name).first()).toBeVisible();
}

/** The admin adds members of staff, in a browser context of its own that is closed after. */
export async function addStaffAsAdmin(
  browser: Browser,
  baseURL: string | undefined,
  staff: [Person, Role][],
): Promise<void> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInAsAdmin(page, admin);
  for (const [person, role] of staff) await createUser(page, person, role);
  await context.close();
}
