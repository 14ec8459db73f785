import crypto from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { createAdminAccount, signIn } from "./auth";
import { admin, type Person } from "./people";

/** A person with a unique email: every spec shares one database. */
export function uniquePerson(label: string): Person {
  const tag = crypto.randomUUID().slice(0, 8);
  return {
    name: `${label} ${tag}`,
    email: `staff-${label.toLowerCase().replace(/\W+/g, "-")}-${tag}@ledger.example`,
    password: `staff-${tag}-Long-Enough-Passphrase!`,
  };
}

/** Signs in as the newsroom's admin, creating the account first on a fresh database. */
export async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto("/login");
  if (new URL(page.url()).pathname === "/setup") await createAdminAccount(page, admin);
  await signIn(page, admin.email, admin.password);
}

/** Staff list → the person's own page (the list links each name). */
export async function openStaffMember(page: Page, person: Person): Promise<void> {
  await page.goto("/newsroom/users");
  await page.getByRole("link", { name: person.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: person.name })).toBeVisible();
}

/** A staff-page outcome message (role `status`), picked out by its text. */
export function staffNotice(page: Page, text: string | RegExp) {
  return page.getByRole("status").filter({ hasText: text });
}
