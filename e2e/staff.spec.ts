import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { signIn, signInError, submitSignIn } from "./support/auth";
import { openStaffMember, signInAsAdmin, staffNotice, uniquePerson } from "./support/staff";
import { createUser } from "./support/users";

/**
 * Issue 3, item 10: staff management as an admin does it, and what the people affected see
 * on their very next request (THREATS 28). Each test creates its own people.
 */
test.describe.configure({ mode: "serial" });

let adminContext: BrowserContext;
let adminPage: Page;
const contexts: BrowserContext[] = [];

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

test.beforeAll(async ({ browser }) => {
  adminContext = await browser.newContext();
  adminPage = await adminContext.newPage();
  await signInAsAdmin(adminPage);
});

test.afterAll(async () => {
  await Promise.all([adminContext, ...contexts].map((c) => c?.close()));
});

test("an editor demoted while signed in loses the review queue on their next request", async ({
  browser,
}) => {
  const person = uniquePerson("Demoted Editor");
  await createUser(adminPage, person, "editor");
  const editorPage = await newPage(browser);
  await signIn(editorPage, person.email, person.password);
  await editorPage.goto("/newsroom/review");
  await expect(editorPage.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();

  await openStaffMember(adminPage, person);
  await adminPage.getByLabel("Role", { exact: true }).selectOption("reporter");
  await adminPage.getByRole("button", { name: "Change role", exact: true }).click();
  await expect(staffNotice(adminPage, "Role changed to reporter.")).toBeVisible();
  await expect(adminPage.getByTestId("staff-role")).toHaveText("reporter");

  // The old session ended: the next navigation does not show the queue.
  const response = await editorPage.goto("/newsroom/review");
  const landedOnLogin = new URL(editorPage.url()).pathname === "/login";
  expect(landedOnLogin || response?.status() === 404).toBe(true);
  await expect(editorPage.getByRole("heading", { name: "Review queue" })).toHaveCount(0);

  // Signed in again, they are a reporter: no queue link, and the queue is not found.
  await signIn(editorPage, person.email, person.password);
  await expect(editorPage.getByRole("link", { name: "Review queue" })).toHaveCount(0);
  const again = await editorPage.goto("/newsroom/review");
  expect(again?.status()).toBe(404);
});

test("a deactivated user's next request lands on the sign-in page, and they cannot sign in", async ({
  browser,
}) => {
  const person = uniquePerson("Deactivated Reporter");
  await createUser(adminPage, person, "reporter");
  const page = await newPage(browser);
  await signIn(page, person.email, person.password);

  await openStaffMember(adminPage, person);
  await adminPage.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(staffNotice(adminPage, "Account deactivated.")).toBeVisible();
  await expect(adminPage.getByTestId("staff-status")).toHaveText("Deactivated");
  await expect(adminPage.getByRole("button", { name: "Reactivate", exact: true })).toBeVisible();

  await page.goto("/newsroom");
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await submitSignIn(page, person.email, person.password);
  await expect(signInError(page)).toBeVisible();

  // The admin finds it in the audit log, filtered by action.
  await adminPage.getByRole("link", { name: "Audit log", exact: true }).click();
  await adminPage.getByLabel("Action", { exact: true }).selectOption("user_deactivated");
  await adminPage.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(adminPage).toHaveURL(/action=user_deactivated/);
  await expect(adminPage.getByRole("cell", { name: person.name, exact: true })).toBeVisible();
});

test("a one-time reset link lets a signed-out person choose a new password and sign in", async ({
  browser,
}) => {
  const person = uniquePerson("Reset Reporter");
  await createUser(adminPage, person, "reporter");

  await openStaffMember(adminPage, person);
  await adminPage.getByRole("button", { name: "Create password reset link", exact: true }).click();
  const field = adminPage.getByLabel("Password reset link", { exact: true });
  await expect(field).toHaveValue(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
  const link = await field.inputValue();

  const page = await newPage(browser);
  const newPassword = "a-Fresh-Passphrase-From-The-Link-9";
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Set password", exact: true }).click();
  await expect(page).toHaveURL(/\/login(\?|$)/);

  await submitSignIn(page, person.email, person.password);
  await expect(signInError(page)).toBeVisible();
  await signIn(page, person.email, newPassword);

  // The link was single-use.
  const other = await newPage(browser);
  await other.goto(link);
  await expect(
    other.getByRole("alert").filter({ hasText: /invalid or has expired/ }),
  ).toBeVisible();
  await expect(other.getByRole("button", { name: "Set password" })).toHaveCount(0);

  // Their profile: a bio for the author page.
  await page.getByRole("link", { name: "Profile", exact: true }).click();
  await page.getByLabel("Bio", { exact: true }).fill("Covers the courts and the council.");
  await page.getByRole("button", { name: "Save profile", exact: true }).click();
  await expect(staffNotice(page, "Profile saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Bio", { exact: true })).toHaveValue(
    "Covers the courts and the council.",
  );

  // An avatar for the author page: uploaded through the media pipeline, kept, removable.
  const { default: sharp } = await import("sharp");
  const portrait = await sharp({
    create: { width: 400, height: 400, channels: 3, background: "#a63" },
  })
    .png()
    .toBuffer();
  await page.getByLabel("Upload avatar", { exact: true }).setInputFiles({
    name: "me.png",
    mimeType: "image/png",
    buffer: portrait,
  });
  await expect(staffNotice(page, "Avatar saved.")).toBeVisible();
  await page.reload();
  const current = page.getByRole("img", { name: "Your current avatar" });
  await expect(current).toBeVisible();
  expect(await current.getAttribute("src")).toMatch(/^\/media\/[0-9a-f-]{36}\//);
  await page.getByRole("button", { name: "Remove avatar", exact: true }).click();
  await expect(staffNotice(page, "Avatar removed.")).toBeVisible();
  await expect(current).toHaveCount(0);
});
