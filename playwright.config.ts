import { defineConfig, devices } from "@playwright/test";

/** E2E_PORT lets several checkouts run their browser tests side by side. */
const port = process.env.E2E_PORT ?? "3100";
const baseURL = `http://127.0.0.1:${port}`;

/**
 * End-to-end tests run against a production build (`next build` happens before `playwright test`
 * in `npm run test:e2e`) served by `npm start`'s server (scripts/serve.mjs) on a fresh embedded database.
 * Stories share that one database and build on each other, so everything runs in one worker.
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Browsers cannot be downloaded here: use Debian's Chromium.
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node e2e/support/start-server.mjs",
    url: `${baseURL}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // The default is SIGKILL to the process group, which would leave the temp DATA_DIR behind;
    // SIGTERM lets start-server.mjs stop the server and remove it.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
