import {
  type APIRequestContext,
  type BrowserContext,
  expect,
  type Page,
  test,
} from "@playwright/test";
import * as OTPAuth from "otpauth";
import { signIn, submitSignIn } from "./support/auth";
import type { Person } from "./support/people";
import { signInAsAdmin, uniquePerson } from "./support/staff";
import { createUser } from "./support/users";

/**
 * Issue 6, sign-in (THREATS 21–24, 27, 30): two-factor enrolment and sign-in in Chromium,
 * two-factor required by an admin, the lockout message, and the sign-in endpoint over HTTP
 * (CSRF token required, forwarded host and made-up forwarded addresses ignored, identical
 * refusals, 429 on a loop, cookie flags, sign-out kills the cookie). Every test uses people
 * of its own, so no lockout touches another spec's users. This server runs without
 * TRUST_PROXY.
 */
test.describe.configure({ mode: "serial" });

let adminContext: BrowserContext;
let adminPage: Page;
let twoFactorPerson: Person;
let lockedPerson: Person;
let cookiePerson: Person;
let policyAdmin: Person;
let unenrolledPerson: Person;

test.beforeAll(async ({ browser }) => {
  // Three people created through the staff form: slow on a busy machine.
  test.setTimeout(120_000);
  adminContext = await browser.newContext();
  adminPage = await adminContext.newPage();
  await signInAsAdmin(adminPage);
  twoFactorPerson = uniquePerson("Two Factor");
  lockedPerson = uniquePerson("Locked Out");
  cookiePerson = uniquePerson("Cookie Check");
  policyAdmin = uniquePerson("Policy Admin");
  unenrolledPerson = uniquePerson("Not Enrolled");
  await createUser(adminPage, twoFactorPerson, "reporter");
  await createUser(adminPage, lockedPerson, "reporter");
  await createUser(adminPage, cookiePerson, "editor");
});

test.afterAll(async () => {
  await adminContext?.close();
});

/** A code for the next 30-second step: the one just used to confirm may not be used again. */
function nextCode(secret: string): string {
  return OTPAuth.TOTP.generate({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    timestamp: Date.now() + 30_000,
  });
}

test("a reporter sets up two-factor and then signs in with a code", async ({ page }) => {
  await signIn(page, twoFactorPerson.email, twoFactorPerson.password);
  await page.goto("/newsroom/profile");
  await page.getByRole("link", { name: "Sign-in and security" }).click();
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(
    page.getByRole("figure", { name: "QR code for your authenticator app" }),
  ).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Invalid authentication code" }),
  ).toBeVisible();

  await page
    .getByLabel("Authentication code")
    .fill(
      OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }),
    );
  await page.getByRole("button", { name: "Confirm" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);

  // The password alone is not enough: the form asks for the code.
  await submitSignIn(page, twoFactorPerson.email, twoFactorPerson.password);
  const codeField = page.getByLabel("Authentication code");
  await expect(codeField).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await codeField.fill("123456");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Invalid authentication code" }),
  ).toBeVisible();
  await codeField.fill(nextCode(secret));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/newsroom\/?(\?|$)/);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);

  // A recovery code works in place of the app's code.
  await submitSignIn(page, twoFactorPerson.email, twoFactorPerson.password);
  await page.getByLabel("Authentication code").fill(recovery);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/newsroom\/?(\?|$)/);
});

/** Sets up two-factor from the page the person is on; returns the secret. */
async function enrolTwoFactor(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page
    .getByLabel("Authentication code")
    .fill(
      OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }),
    );
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(
    page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem"),
  ).toHaveCount(10);
  await page.getByRole("button", { name: "Continue" }).click();
  return secret;
}

/** The admin's "Newsroom policy" switch on the security page. */
async function setTwoFactorRequired(page: Page, required: boolean) {
  await page.goto("/newsroom/profile/security");
  await page.getByLabel("Require two-factor authentication for all staff").setChecked(required);
  await page.getByRole("button", { name: "Save requirement" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: required ? "Two-factor is now required." : "Two-factor is optional." }),
  ).toBeVisible();
}

test("an admin requires two-factor: staff without it are sent to set it up, and reach the newsroom only then", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  await createUser(adminPage, policyAdmin, "admin");
  await createUser(adminPage, unenrolledPerson, "reporter");
  // The admin who switches it on has two-factor, or they would be shut out by their own rule.
  const policyContext = await browser.newContext();
  const policyPage = await policyContext.newPage();
  try {
    await signIn(policyPage, policyAdmin.email, policyAdmin.password);
    await policyPage.goto("/newsroom/profile/security");
    await enrolTwoFactor(policyPage);
    await setTwoFactorRequired(policyPage, true);

    // A reporter with no authenticator signs in: the password is right, but the newsroom
    // is out of reach until they set one up.
    await submitSignIn(page, unenrolledPerson.email, unenrolledPerson.password);
    await expect(page).toHaveURL(/\/two-factor$/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Set up two-factor authentication" }),
    ).toBeVisible();
    for (const path of ["/newsroom", "/newsroom/articles/new", "/newsroom/profile/security"]) {
      await page.goto(path);
      await expect(page, `${path} sends them to set up two-factor`).toHaveURL(/\/two-factor$/);
    }
    const direct = await page.request.get("/newsroom/notifications", { maxRedirects: 0 });
    expect(direct.status()).toBe(307);
    expect(direct.headers().location).toMatch(/\/two-factor$/);

    // Once it is set up, the newsroom opens.
    await page.goto("/two-factor");
    await enrolTwoFactor(page);
    await expect(page).toHaveURL(/\/newsroom\/?(\?|$)/);
    await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
    await page.goto("/newsroom/articles/new");
    await expect(page).toHaveURL(/\/newsroom\/articles\/new$/);
  } finally {
    // Every later spec's staff sign in without two-factor.
    await setTwoFactorRequired(policyPage, false);
    await policyContext.close();
  }
});

test("after 10 wrong passwords the form says so, and the right password is refused too", async ({
  page,
}) => {
  for (let i = 0; i < 10; i++) {
    await submitSignIn(page, lockedPerson.email, `wrong password number ${i}`);
    await expect(
      page.getByRole("alert").filter({ hasText: "Invalid email or password" }),
    ).toBeVisible();
  }
  await submitSignIn(page, lockedPerson.email, lockedPerson.password);
  await expect(
    page.getByRole("alert").filter({ hasText: "Too many sign-in attempts. Try again later." }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

async function csrf(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/auth/csrf");
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

async function postSignIn(
  request: APIRequestContext,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return request.post("/api/auth/callback/credentials", {
    form: { callbackUrl: "/newsroom", json: "true", ...fields },
    headers,
    maxRedirects: 0,
  });
}

const sessionCookie = (setCookie: string[]) =>
  setCookie.find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));

test("the sign-in endpoint: CSRF token required, refusals identical, 429 on a loop, forwarded host ignored", async ({
  playwright,
  baseURL,
}) => {
  const request = await playwright.request.newContext({ baseURL });
  try {
    // Login CSRF: without next-auth's token (double-submit cookie + field) nobody is signed in.
    const noToken = await postSignIn(request, {
      email: cookiePerson.email,
      password: cookiePerson.password,
    });
    expect(
      sessionCookie(
        noToken
          .headersArray()
          .filter((h) => h.name === "Set-Cookie")
          .map((h) => h.value),
      ),
    ).toBeUndefined();
    expect(await noToken.text()).toContain("csrf=true");

    // Unknown email and wrong password: same status, same body.
    const token = await csrf(request);
    const unknown = await postSignIn(request, {
      csrfToken: token,
      email: `nobody-${Date.now()}@ledger.example`,
      password: "whatever it is here",
    });
    const wrong = await postSignIn(request, {
      csrfToken: token,
      email: cookiePerson.email,
      password: "not the right password",
    });
    expect(unknown.status()).toBe(401);
    expect(wrong.status()).toBe(unknown.status());
    expect(await wrong.text()).toBe(await unknown.text());

    // A loop on one (unknown) account ends in 429, with the same body for a real account.
    const loopEmail = `loop-${Date.now()}@ledger.example`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await postSignIn(request, {
        csrfToken: token,
        email: loopEmail,
        password: `x${i}`,
      });
      statuses.push(r.status());
      if (i === 10) expect(await r.text()).toContain("error=TooManyAttempts");
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);

    // A spoofed X-Forwarded-Host does not steer where sign-in sends the browser.
    const spoofed = await postSignIn(
      request,
      { csrfToken: token, email: cookiePerson.email, password: cookiePerson.password },
      { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    );
    expect(spoofed.status()).toBe(200);
    const { url } = (await spoofed.json()) as { url: string };
    expect(new URL(url).origin).toBe(new URL(baseURL!).origin);

    // An open redirect through callbackUrl is refused.
    const redirected = await postSignIn(request, {
      csrfToken: token,
      email: cookiePerson.email,
      password: cookiePerson.password,
      callbackUrl: "https://evil.example/phish",
    });
    expect(new URL(((await redirected.json()) as { url: string }).url).origin).toBe(
      new URL(baseURL!).origin,
    );
  } finally {
    await request.dispose();
  }
});

test("without TRUST_PROXY, a made-up X-Forwarded-For or X-Real-IP gets no fresh rate-limit bucket", async ({
  playwright,
  baseURL,
}) => {
  const request = await playwright.request.newContext({ baseURL });
  try {
    const token = await csrf(request);
    const email = `spoofed-${Date.now()}@ledger.example`;
    const statuses: number[] = [];
    // Each attempt claims another address, the way a script would to dodge a per-address
    // block; the server still counts every one against the same (real) address.
    for (let i = 0; i < 11; i++) {
      const r = await postSignIn(
        request,
        { csrfToken: token, email, password: `guess number ${i}` },
        {
          "x-forwarded-for": i % 2 ? `203.0.113.${i + 1}` : `198.51.100.${i + 1}, 192.0.2.1`,
          "x-real-ip": `192.0.2.${i + 10}`,
        },
      );
      statuses.push(r.status());
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  } finally {
    await request.dispose();
  }
});

test("the session cookie is HttpOnly and SameSite, replaced at sign-in, and dead after sign-out", async ({
  page,
  context,
  baseURL,
}) => {
  // A cookie planted before sign-in (session fixation) is not the one that ends up signed in.
  await context.addCookies([
    { name: "next-auth.session-token", value: "planted-by-an-attacker", url: baseURL! },
  ]);
  await signIn(page, cookiePerson.email, cookiePerson.password);
  const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token")!;
  expect(cookie.value).not.toBe("planted-by-an-attacker");
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  // Replaying the old cookie after sign-out gets nobody in.
  await context.addCookies([{ name: cookie.name, value: cookie.value, url: baseURL! }]);
  await page.goto("/newsroom");
  await expect(page).toHaveURL(/\/login/);
});
