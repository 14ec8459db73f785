import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The comment form's enhancement: one small classic script (no framework, no inline code,
 * so the reader site's `script-src 'self'` policy holds), served from
 * /assets/comments.js?v={hash} with a year of immutable caching. Read once per process.
 */
type Script = { source: string; href: string };
let script: Script | null = null;

export const COMMENT_SCRIPT_FILE = path.join(
  "components",
  "site",
  "comments",
  "enhance-comment-form.js",
);

export function commentScript(): Script {
  if (script) return script;
  const source = fs.readFileSync(path.join(process.cwd(), COMMENT_SCRIPT_FILE), "utf8");
  const hash = crypto.createHash("sha256").update(source).digest("base64url").slice(0, 12);
  script = { source, href: `/assets/comments.js?v=${hash}` };
  return script;
}
