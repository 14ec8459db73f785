import { expect, type Page } from "@playwright/test";
import type { Person } from "./people";

/** First run: /setup creates the admin account and hands over to /login. */
export async function createAdminAccount(page: Page, person: Person): Promise<void> {
  await page.goto("/setup");
  await page.getByLabel("Name", { exact: true }).fill(person.name);
  await page.getByLabel("Email", { exact: true }).fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
}

/** Fills and submits the sign-in form; does not wait for the outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits for the newsroom dashboard. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/newsroom\/?(\?|$)/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/**
 * The sign-in error. Next renders its own route announcer with role "alert" too,
 * so the alert is picked out by its text.
 */
export function signInError(page: Page) {
  return page.getByRole("alert").filter({ hasText: "Invalid email or password" });
}

/**
 * Signs the newsroom's admin in. Specs share one database and any of them may run alone, so
 * the admin account is created first when the newsroom has not been set up yet.
 */
export async function signInAsAdmin(page: Page, person: Person): Promise<void> {
  await page.goto("/login");
  if (new URL(page.url()).pathname === "/setup") await createAdminAccount(page, person);
  await signIn(page, person.email, person.password);
}
