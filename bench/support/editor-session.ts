// Shared by the editor benches: a production server on a fresh embedded database holding one
// long story, and a Chromium page signed in as its reporter. Needs `npm run build` first.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { openPglite } from "@/db/client";
import type { DocJSON, NodeJSON } from "@/lib/content/types";
import { createArticle } from "@/server/articles/commands/create-article";
import { setDatabase } from "@/server/db";
import { createUserRow } from "@/server/users/create-user-row";

const EMAIL = "bench-reporter@example.org";
const PASSWORD = "bench password bench";
const VOCABULARY = (
  "the council voted on a plan to rebuild the harbour bridge after years of delay while " +
  "residents said the ferry service had become unreliable and costs kept rising each winter"
).split(" ");

/**
 * A story of `words` words shaped like a long read: paragraphs of 50 words, a subheading
 * every 20 paragraphs, some bold, italic and links, a list and a quote now and then, so the
 * editor renders marks and several node types, not one plain block.
 */
export function longStory(words: number): DocJSON {
  const content: NodeJSON[] = [];
  let written = 0;
  let n = 0;
  const text = (count: number) =>
    Array.from({ length: count }, (_, i) => VOCABULARY[(n * 7 + i) % VOCABULARY.length]).join(" ");
  while (written < words) {
    if (n % 20 === 0) {
      content.push({
        type: "heading",
        attrs: { level: 2 },
        content: [{ type: "text", text: `Part ${n / 20 + 1}` }],
      });
    }
    if (n % 25 === 12) {
      content.push({
        type: "bulletList",
        content: [1, 2, 3].map((i) => ({
          type: "listItem",
          content: [{ type: "paragraph", content: [{ type: "text", text: `${text(9)} ${i}` }] }],
        })),
      });
      written += 30;
    } else if (n % 25 === 18) {
      content.push({
        type: "blockquote",
        content: [{ type: "paragraph", content: [{ type: "text", text: text(30) }] }],
      });
      written += 30;
    } else {
      content.push({
        type: "paragraph",
        content: [
          { type: "text", text: `${text(20)} ` },
          { type: "text", text: text(5), marks: [{ type: "bold" }] },
          { type: "text", text: ` ${text(10)} ` },
          {
            type: "text",
            text: text(3),
            marks: [{ type: "link", attrs: { href: `https://example.org/${n}` } }],
          },
          { type: "text", text: ` ${text(10)} ` },
          { type: "text", text: text(2), marks: [{ type: "italic" }] },
        ],
      });
      written += 50;
    }
    n++;
  }
  return { type: "doc", content } as DocJSON;
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms`);
}

export type EditorSession = {
  browser: Browser;
  /** A signed-in page (its context keeps the session cookie). */
  page: Page;
  baseUrl: string;
  articleId: string;
  editorUrl: string;
  close(): Promise<void>;
};

/**
 * Seeds a fresh DATA_DIR (migrations, one reporter, one story of `words` words) through the
 * application's own commands, starts `next start` on it, and signs in through /login.
 */
export async function editorSession(
  words: number,
  { browserArgs = [] }: { browserArgs?: string[] } = {},
): Promise<EditorSession> {
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm run build` first.");
  }
  const port = process.env.BENCH_PORT ?? "3410";
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-editor-"));

  const handle = await openPglite(dataDir);
  await handle.migrate();
  setDatabase(handle);
  const user = await createUserRow(handle.db, {
    name: "Bench Reporter",
    email: EMAIL,
    role: "reporter",
    password: PASSWORD,
  });
  const [section] = await handle.db.query.sections.findMany({ limit: 1 });
  const created = await createArticle.execute(
    { userId: user.id, sessionVersion: 1 },
    { headline: "A very long read", sectionId: section!.id, body: longStory(words) },
  );
  if (!created.ok) throw new Error(created.error.message);
  await handle.close();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: port,
    SITE_URL: baseUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_URL;
  const server = spawn(process.execPath, ["scripts/serve.mjs", "-p", port, "-H", "127.0.0.1"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close().catch(() => {});
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForServer(`${baseUrl}/login`, server);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        ...browserArgs,
      ],
    });
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(EMAIL);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/newsroom\/?(\?|$)/);
    const articleId = created.data.id;
    return {
      browser,
      page,
      baseUrl,
      articleId,
      editorUrl: `/newsroom/articles/${articleId}`,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The p-th percentile (nearest rank) of some samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
