import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { articles, publishedArticles, sections, users } from "@/db/schema";
import { createArticle } from "@/server/articles/commands/create-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import type { TransitionName } from "@/server/articles/workflow";
import type { SessionClaims } from "@/server/auth/actor";
import { config } from "@/server/config";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { createUserRow } from "@/server/users/create-user-row";
import { CliError, parseFlags, runCli } from "./cli";
import { DEMO_STORIES } from "./demo/stories";

const PEOPLE = [
  { key: "admin", name: "Morgan Hale", email: "admin@ledger.example", role: "admin" },
  { key: "editor", name: "Priya Natarajan", email: "editor@ledger.example", role: "editor" },
  { key: "reporter", name: "Sam Okafor", email: "reporter@ledger.example", role: "reporter" },
] as const;

/** The path a story takes through the workflow to reach its demo state. */
const PATHS: Record<string, TransitionName[]> = {
  draft: [],
  in_review: ["submit"],
  changes_requested: ["submit", "requestChanges"],
  approved: ["submit", "approve"],
  published: ["submit", "approve", "publish"],
};

function unwrap<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new CliError(`${what}: ${result.error.message}`);
  return result.data;
}

await runCli(async () => {
  const flags = parseFlags(process.argv.slice(2));
  const database = await db();
  const [existing] = await database.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) {
    if (flags["if-empty"]) {
      console.log("The database already has users: demo newsroom not loaded.");
      return;
    }
    throw new CliError(
      "The database already has users. The demo newsroom loads only into an empty one.",
    );
  }

  const claims: Record<string, SessionClaims> = {};
  const passwords: Record<string, string> = {};
  for (const person of PEOPLE) {
    const password = crypto.randomBytes(12).toString("base64url");
    const row = await createUserRow(database, { ...person, password });
    claims[person.key] = { userId: row.id, sessionVersion: 1 };
    passwords[person.key] = password;
  }

  const sectionRows = await database.select().from(sections);
  const sectionId = new Map(sectionRows.map((s) => [s.slug, s.id]));

  for (const story of DEMO_STORIES) {
    const author = claims[story.author]!;
    const created = unwrap(
      await createArticle.execute(author, {
        headline: story.headline,
        standfirst: story.standfirst,
        dateline: story.dateline,
        source: story.source,
        sectionId: sectionId.get(story.section),
        body: story.body,
      }),
      story.headline,
    );
    let status: string = "draft";
    for (const step of PATHS[story.status] ?? []) {
      const next = unwrap(
        await TRANSITION_COMMANDS[step].execute(step === "submit" ? author : claims.editor!, {
          id: created.id,
          fromStatus: status,
          note:
            step === "requestChanges"
              ? "Good start. Please get a second source for the figures in the third paragraph."
              : "",
        }),
        `${story.headline} (${step})`,
      ) as { status: string };
      status = next.status;
    }
    if (story.status === "published" && story.publishedHoursAgo) {
      const at = new Date(Date.now() - story.publishedHoursAgo * 3_600_000);
      await database
        .update(articles)
        .set({ firstPublishedAt: at, lastPublishedAt: at })
        .where(eq(articles.id, created.id));
      await database
        .update(publishedArticles)
        .set({ publishedAt: at, updatedAt: at })
        .where(eq(publishedArticles.articleId, created.id));
    }
  }

  const cfg = config();
  const lines = [
    "Demo newsroom loaded. Sign in at /login with:",
    ...PEOPLE.map((p) => `  ${p.role.padEnd(8)} ${p.email.padEnd(26)} ${passwords[p.key]}`),
  ];
  console.log(lines.join("\n"));
  if (!cfg.databaseUrl) {
    const file = path.join(cfg.dataDir, "demo-credentials.txt");
    fs.writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
    console.log(`(These are also saved in ${file}.)`);
  }
});
