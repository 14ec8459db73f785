import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The reader site's one stylesheet: app/globals.css (the same file Next serves to the
 * newsroom), lightly minified, served from /assets/site.css?v={hash} with a year of
 * immutable caching. Read once per process.
 */
type Sheet = { css: string; href: string };
let sheet: Sheet | null = null;

export function stylesheet(): Sheet {
  if (sheet) return sheet;
  const source = fs.readFileSync(path.join(process.cwd(), "app", "globals.css"), "utf8");
  const css = source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s*\n\s*/g, "\n")
    .replace(/\n+/g, "\n")
    .trim();
  const hash = crypto.createHash("sha256").update(css).digest("base64url").slice(0, 12);
  sheet = { css, href: `/assets/site.css?v=${hash}` };
  return sheet;
}
