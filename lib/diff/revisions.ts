import { diffLines, diffWords } from "diff";
import { countWords } from "@/lib/content/text";

/**
 * What two revisions of a story differ in, said the way an editor would say it: words added
 * and removed in the text, and changed fields by name ("Headline", "Bylines"), with people,
 * sections and tags named rather than shown as ids. Pure: no database, no React.
 */

/** The parts of a revision a diff looks at (a subset of an `article_revisions` row). */
export type RevisionSnapshot = {
  headline: string;
  standfirst: string;
  dateline: string;
  source: string;
  sectionId: string;
  /** Plain text of the body, blocks separated by blank lines (`docToText`). */
  bodyText: string;
  /** The body as stored; compared only to notice changes the text cannot show (formatting). */
  body?: unknown;
  authorIds?: readonly string[];
  tagIds?: readonly string[];
  seoTitle?: string;
  seoDescription?: string;
  featuredMediaId?: string | null;
};

/** Names for the ids a revision holds. A missing id is shown as unknown, never as an id. */
export type DiffLookups = {
  sections: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, string>;
  tags: ReadonlyMap<string, string>;
};

export type FieldName =
  | "headline"
  | "standfirst"
  | "dateline"
  | "source"
  | "section"
  | "bylines"
  | "tags"
  | "seoTitle"
  | "seoDescription"
  | "featuredImage";

export type FieldChange =
  | { kind: "text"; field: FieldName; label: string; before: string; after: string }
  | { kind: "note"; field: FieldName; label: string; text: "added" | "removed" | "replaced" }
  | {
      kind: "list";
      field: FieldName;
      label: string;
      before: string[];
      after: string[];
      added: string[];
      removed: string[];
    };

export type BodySegment = { kind: "same" | "added" | "removed"; text: string };

export type RevisionDiff = {
  fields: FieldChange[];
  body: BodySegment[];
  /** Words added to and removed from the body text. */
  wordsAdded: number;
  wordsRemoved: number;
  /** The body changed but its text did not: formatting, links, images or layout only. */
  formattingOnly: boolean;
  /** True when nothing at all differs. */
  identical: boolean;
};

const TEXT_FIELDS = [
  ["headline", "Headline"],
  ["standfirst", "Standfirst"],
  ["dateline", "Dateline"],
  ["source", "Source"],
  ["seoTitle", "SEO title"],
  ["seoDescription", "SEO description"],
] as const satisfies readonly (readonly [keyof RevisionSnapshot & FieldName, string])[];

export const UNKNOWN_NAME = "(unknown)";

function names(ids: readonly string[] | undefined, lookup: ReadonlyMap<string, string>): string[] {
  return (ids ?? []).map((id) => lookup.get(id) ?? UNKNOWN_NAME);
}

function listChange(
  field: FieldName,
  label: string,
  beforeIds: readonly string[] | undefined,
  afterIds: readonly string[] | undefined,
  lookup: ReadonlyMap<string, string>,
): FieldChange | null {
  const a = beforeIds ?? [];
  const b = afterIds ?? [];
  if (a.length === b.length && a.every((id, i) => id === b[i])) return null;
  const before = names(a, lookup);
  const after = names(b, lookup);
  return {
    kind: "list",
    field,
    label,
    before,
    after,
    added: names(
      b.filter((id) => !a.includes(id)),
      lookup,
    ),
    removed: names(
      a.filter((id) => !b.includes(id)),
      lookup,
    ),
  };
}

/** One segmenter per process: word boundaries for every script (Arabic, Hebrew, CJK…). */
let segmenter: Intl.Segmenter | null = null;
function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
  return segmenter;
}

/** Word diffs of very different long texts can be costly; past this, fall back to lines. */
const WORD_DIFF_TIMEOUT_MS = 1500;

/** Words added and removed between two body texts, in reading order, adjacent kinds merged. */
export function diffBodyText(before: string, after: string): BodySegment[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const changes = diffWords(before, after, {
    intlSegmenter: wordSegmenter(),
    timeout: WORD_DIFF_TIMEOUT_MS,
  }) ??
    diffLines(before, after, { timeout: WORD_DIFF_TIMEOUT_MS }) ?? [
      { value: before, added: false, removed: true, count: 1 },
      { value: after, added: true, removed: false, count: 1 },
    ];
  const out: BodySegment[] = [];
  for (const change of changes) {
    if (!change.value) continue;
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    const last = out.at(-1);
    if (last && last.kind === kind) last.text += change.value;
    else out.push({ kind, text: change.value });
  }
  return out;
}

/** Compares revision `a` (older, "from") with revision `b` (newer, "to"). */
export function diffRevisions(
  a: RevisionSnapshot,
  b: RevisionSnapshot,
  lookups: DiffLookups,
): RevisionDiff {
  const fields: FieldChange[] = [];
  for (const [field, label] of TEXT_FIELDS) {
    const before = a[field] ?? "";
    const after = b[field] ?? "";
    if (before !== after) fields.push({ kind: "text", field, label, before, after });
  }
  if (a.sectionId !== b.sectionId) {
    fields.push({
      kind: "text",
      field: "section",
      label: "Section",
      before: lookups.sections.get(a.sectionId) ?? UNKNOWN_NAME,
      after: lookups.sections.get(b.sectionId) ?? UNKNOWN_NAME,
    });
  }
  const bylines = listChange("bylines", "Bylines", a.authorIds, b.authorIds, lookups.people);
  if (bylines) fields.push(bylines);
  const tags = listChange("tags", "Tags", a.tagIds, b.tagIds, lookups.tags);
  if (tags) fields.push(tags);
  const imageBefore = a.featuredMediaId ?? null;
  const imageAfter = b.featuredMediaId ?? null;
  if (imageBefore !== imageAfter) {
    fields.push({
      kind: "note",
      field: "featuredImage",
      label: "Featured image",
      text: !imageBefore ? "added" : !imageAfter ? "removed" : "replaced",
    });
  }

  const body = diffBodyText(a.bodyText, b.bodyText);
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (const segment of body) {
    if (segment.kind === "added") wordsAdded += countWords(segment.text);
    if (segment.kind === "removed") wordsRemoved += countWords(segment.text);
  }
  const textChanged = a.bodyText !== b.bodyText;
  const formattingOnly =
    !textChanged &&
    a.body !== undefined &&
    b.body !== undefined &&
    JSON.stringify(a.body) !== JSON.stringify(b.body);
  return {
    fields,
    body,
    wordsAdded,
    wordsRemoved,
    formattingOnly,
    identical: fields.length === 0 && !textChanged && !formattingOnly,
  };
}

/** A body segment for display: long unchanged stretches are shortened to their edges. */
export type DisplaySegment = BodySegment | { kind: "skipped"; words: number };

/**
 * Keeps `context` words of unchanged text either side of each change and replaces the rest
 * with a count, so one changed word in a 10,000-word story is easy to find. The first and
 * last unchanged stretches keep only the side that touches a change.
 */
export function collapseUnchanged(segments: BodySegment[], context = 30): DisplaySegment[] {
  if (!segments.some((s) => s.kind !== "same")) return segments;
  const out: DisplaySegment[] = [];
  segments.forEach((segment, i) => {
    if (segment.kind !== "same") {
      out.push(segment);
      return;
    }
    // Words and the whitespace between them, kept so the shown text reads as written.
    const tokens = segment.text.split(/(\s+)/);
    const wordIndexes = tokens.flatMap((t, j) => (t && !/^\s+$/.test(t) ? [j] : []));
    const keepHead = i > 0 ? context : 0;
    const keepTail = i < segments.length - 1 ? context : 0;
    if (wordIndexes.length <= keepHead + keepTail + 10) {
      out.push(segment);
      return;
    }
    const headEnd = keepHead > 0 ? wordIndexes[keepHead - 1]! + 1 : 0;
    const tailStart = keepTail > 0 ? wordIndexes[wordIndexes.length - keepTail]! : tokens.length;
    const head = tokens.slice(0, headEnd).join("");
    const tail = tokens.slice(tailStart).join("");
    const skipped = tokens.slice(headEnd, tailStart).join("");
    if (head) out.push({ kind: "same", text: `${head} ` });
    out.push({ kind: "skipped", words: countWords(skipped) });
    if (tail) out.push({ kind: "same", text: ` ${tail}` });
  });
  return out;
}
