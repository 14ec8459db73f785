// Autosave round trip (request → committed revision) for a 5,000-word story on the embedded
// database: the issue-4 budget is p95 ≤ 150 ms. Measures the save command end to end
// (validation, row lock, revision insert, version bump, commit); the HTTP/server-action hop
// is not included. Usage: npm run bench:autosave
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPglite } from "@/db/client";
import { createArticle } from "@/server/articles/commands/create-article";
import { saveArticle } from "@/server/articles/commands/save-article";
import { setDatabase } from "@/server/db";
import { createUserRow } from "@/server/users/create-user-row";

const WORDS = 5_000;
const SAVES = 60;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-autosave-"));
const handle = await openPglite(dir);
await handle.migrate();
setDatabase(handle);

const words =
  "the council voted on a plan to rebuild the harbour bridge after years of delay".split(" ");
const paragraph = (n: number, salt: string) =>
  `${Array.from({ length: n }, (_, i) => words[i % words.length]).join(" ")} ${salt}.`;
const body = (salt: string) => ({
  type: "doc",
  content: Array.from({ length: WORDS / 100 }, (_, i) => ({
    type: "paragraph",
    content: [{ type: "text", text: paragraph(99, i === 0 ? salt : "end") }],
  })),
});

const user = await createUserRow(handle.db, {
  name: "Bench Reporter",
  email: "bench@example.org",
  role: "reporter",
  password: "bench bench bench",
});
const claims = { userId: user.id, sessionVersion: 1 };
const [section] = await handle.db.query.sections.findMany({ limit: 1 });
const created = await createArticle.execute(claims, {
  headline: "Bench story",
  sectionId: section!.id,
  body: body("start"),
});
if (!created.ok) throw new Error(created.error.message);
let version = created.data.version;

const times: number[] = [];
for (let i = 0; i < SAVES; i++) {
  const started = performance.now();
  const result = await saveArticle.execute(claims, {
    id: created.data.id,
    baseVersion: version,
    kind: "autosave",
    headline: "Bench story",
    sectionId: section!.id,
    body: body(`edit${i}`),
  });
  times.push(performance.now() - started);
  if (!result.ok) throw new Error(result.error.message);
  version = result.data.version;
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
console.log(
  `autosave round trip, ${WORDS}-word story, ${SAVES} saves on PGlite: p50 ${pct(50).toFixed(1)} ms, ` +
    `p95 ${pct(95).toFixed(1)} ms (budget p95 ≤ 150 ms: ${pct(95) <= 150 ? "met" : "NOT met"})`,
);
await handle.close();
fs.rmSync(dir, { recursive: true, force: true });
