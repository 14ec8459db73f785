import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  expect,
  type Page,
} from "@playwright/test";

/** One Content-Security-Policy violation a page reported. */
export type Violation = { url: string; directive: string; blocked: string; sample: string };

/**
 * Watches browser contexts for CSP violations: the `securitypolicyviolation` event (installed
 * before any page script runs) and Chromium's console message for it. Every context it made
 * reports into the same list, and `closeAll` closes them.
 */
export class CspWatcher {
  readonly violations: Violation[] = [];
  private readonly contexts: BrowserContext[] = [];

  async context(browser: Browser, options?: BrowserContextOptions): Promise<BrowserContext> {
    const context = await browser.newContext(options);
    this.contexts.push(context);
    await context.exposeBinding("__reportCspViolation", ({ page }, v: Omit<Violation, "url">) => {
      this.violations.push({ url: page.url(), ...v });
    });
    await context.addInitScript(() => {
      document.addEventListener(
        "securitypolicyviolation",
        (event) => {
          const report = (window as unknown as { __reportCspViolation: (v: unknown) => void })
            .__reportCspViolation;
          report({
            directive: event.effectiveDirective,
            blocked: event.blockedURI,
            sample: event.sample,
          });
        },
        true,
      );
    });
    context.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) {
        this.violations.push({
          url: message.page()?.url() ?? "",
          directive: "console",
          blocked: "",
          sample: message.text(),
        });
      }
    });
    return context;
  }

  async page(browser: Browser, options?: BrowserContextOptions): Promise<Page> {
    return (await this.context(browser, options)).newPage();
  }

  expectNone(): void {
    expect(this.violations, JSON.stringify(this.violations, null, 2)).toEqual([]);
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close()));
  }
}

/** Reports arrive asynchronously: give them a moment before counting. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await page.waitForTimeout(150);
}
