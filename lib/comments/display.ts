import { safeHref } from "../content/urls";

export { stripBidiControls } from "../text/invisible";

export type TextToken =
  | { kind: "text"; text: string }
  | { kind: "link"; text: string; href: string };

/** A candidate URL: http(s):// then anything up to whitespace or an angle bracket or quote. */
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Punctuation that usually ends the sentence rather than the URL. */
const TRAILING = new Set([".", ",", ";", ":", "!", "?", "'", "’", "”", ")", "]", "}"]);

function trimTrailing(candidate: string): string {
  let url = candidate;
  while (url.length > 0 && TRAILING.has(url.at(-1)!)) {
    // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia style).
    if (url.endsWith(")")) {
      const opens = url.split("(").length - 1;
      const closes = url.split(")").length - 1;
      if (opens >= closes) break;
    }
    url = url.slice(0, -1);
  }
  return url;
}

/**
 * Splits plain text into text and links. Only absolute http and https URLs become links, and
 * only after the browser's own URL parser (safeHref) accepts them: `javascript:` and friends
 * stay text because they are never matched, and a matched URL that does not parse stays text.
 */
export function linkify(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const start = match.index;
    const raw = trimTrailing(match[0]);
    const href = safeHref(raw);
    if (!href || !/^https?:$/.test(new URL(href).protocol)) continue;
    if (start > last) tokens.push({ kind: "text", text: text.slice(last, start) });
    tokens.push({ kind: "link", text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) tokens.push({ kind: "text", text: text.slice(last) });
  return tokens;
}

/** Blank-line separated paragraphs; single line breaks stay inside a paragraph. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
}
