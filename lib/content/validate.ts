import { Node as PMNode } from "@tiptap/pm/model";
import { contentSchema } from "./extensions";
import { CONTENT_LIMITS } from "./limits";
import type { DocJSON, MarkJSON, NodeJSON } from "./types";
import { safeHref } from "./urls";

export type ValidationResult = { ok: true; doc: DocJSON } | { ok: false; reason: string };

/** Attribute rules per node/mark type: a value check that returns the cleaned value or throws. */
type AttrRule = (value: unknown) => unknown;

class Invalid extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEDIA_SRC = /^\/media\/[0-9a-f-]{36}\/[a-z0-9-]+\.(webp|avif|jpg|png|gif)$/;

const text =
  (max: number): AttrRule =>
  (v) => {
    if (v === null || v === undefined) return "";
    if (typeof v !== "string") throw new Invalid("a text attribute is not text");
    return cleanString(v).slice(0, max);
  };
const nullOr =
  (rule: AttrRule): AttrRule =>
  (v) =>
    v === null || v === undefined ? null : rule(v);
const int =
  (min: number, max: number): AttrRule =>
  (v) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
      throw new Invalid("a number attribute is out of range");
    return v;
  };
const oneOf =
  (...allowed: unknown[]): AttrRule =>
  (v) => {
    if (!allowed.includes(v)) throw new Invalid("an attribute has a value the editor cannot set");
    return v;
  };
const matches =
  (re: RegExp, what: string): AttrRule =>
  (v) => {
    if (typeof v !== "string" || !re.test(v)) throw new Invalid(`${what} is not valid`);
    return v;
  };
/** Dropped so the schema default applies: validating twice must give the same document. */
const SKIP = Symbol("skip");
/** Presentation-only attributes the editor emits; the renderer ignores them, so keep them inert. */
const ignored: AttrRule = () => SKIP;

const NODE_ATTRS: Record<string, Record<string, AttrRule>> = {
  doc: {},
  paragraph: {},
  text: {},
  hardBreak: {},
  horizontalRule: {},
  blockquote: {},
  bulletList: {},
  listItem: {},
  heading: { level: oneOf(2, 3) },
  orderedList: { start: int(0, 100_000), type: nullOr(oneOf("1", "a", "A", "i", "I")) },
  pullQuote: { attribution: text(200) },
  figure: {
    mediaId: nullOr(matches(UUID, "an image id")),
    src: nullOr(matches(MEDIA_SRC, "an image address")),
    width: nullOr(int(1, 20_000)),
    height: nullOr(int(1, 20_000)),
    alt: text(500),
    caption: text(1_000),
    credit: text(200),
  },
  relatedArticle: { articleId: matches(UUID, "a related-article id") },
};

const MARK_ATTRS: Record<string, Record<string, AttrRule>> = {
  bold: {},
  italic: {},
  underline: {},
  strike: {},
  link: {
    href: (v) => {
      const href = safeHref(v);
      if (!href) throw new Invalid("a link must be an http, https or mailto address");
      return href;
    },
    target: ignored,
    rel: ignored,
    class: ignored,
    title: nullOr(text(300)),
  },
};

/** NFC, well-formed (lone surrogates replaced), bidi overrides kept out of attributes. */
function cleanString(s: string): string {
  if (s.includes("\u0000")) throw new Invalid("text contains a NUL character");
  return s.toWellFormed().normalize("NFC");
}

function cleanAttrs(
  rules: Record<string, AttrRule>,
  attrs: unknown,
  where: string,
): Record<string, unknown> | undefined {
  if (attrs === undefined || attrs === null) {
    return Object.keys(rules).length ? applyRules(rules, {}) : undefined;
  }
  if (typeof attrs !== "object" || Array.isArray(attrs))
    throw new Invalid(`${where}: bad attributes`);
  for (const key of Object.keys(attrs)) {
    if (!(key in rules)) throw new Invalid(`${where}: unknown attribute "${key.slice(0, 40)}"`);
  }
  return Object.keys(rules).length
    ? applyRules(rules, attrs as Record<string, unknown>)
    : undefined;
}

function applyRules(rules: Record<string, AttrRule>, attrs: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries(rules)) {
    if (!(key in attrs)) continue;
    const value = rule(attrs[key]);
    if (value !== SKIP) out[key] = value;
  }
  return out;
}

type Budget = { nodes: number; chars: number };

function walk(raw: unknown, depth: number, budget: Budget): NodeJSON {
  if (depth > CONTENT_LIMITS.maxDepth) throw new Invalid("the story is nested too deeply");
  if (++budget.nodes > CONTENT_LIMITS.maxNodes) throw new Invalid("the story has too many parts");
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new Invalid("the story body is not a document");
  }
  const node = raw as Record<string, unknown>;
  for (const key of Object.keys(node)) {
    if (!["type", "attrs", "content", "marks", "text"].includes(key)) {
      throw new Invalid(`unknown field "${key.slice(0, 40)}" in the story body`);
    }
  }
  const type = node.type;
  if (typeof type !== "string" || !Object.hasOwn(NODE_ATTRS, type)) {
    throw new Invalid(`unknown element "${String(type).slice(0, 40)}" in the story body`);
  }
  const out: NodeJSON = { type };
  const attrs = cleanAttrs(NODE_ATTRS[type]!, node.attrs, type);
  if (attrs) out.attrs = attrs;
  if (type === "text") {
    if (typeof node.text !== "string" || node.text.length === 0) throw new Invalid("empty text");
    budget.chars += node.text.length;
    if (budget.chars > CONTENT_LIMITS.maxTextChars) throw new Invalid("the story is too long");
    out.text = cleanString(node.text);
  } else if (node.text !== undefined) {
    throw new Invalid(`${type} cannot hold text directly`);
  }
  if (node.marks !== undefined) {
    if (!Array.isArray(node.marks) || node.marks.length > 10) throw new Invalid("bad formatting");
    out.marks = node.marks.map((m): MarkJSON => {
      if (typeof m !== "object" || m === null) throw new Invalid("bad formatting");
      const mark = m as Record<string, unknown>;
      for (const key of Object.keys(mark)) {
        if (key !== "type" && key !== "attrs") throw new Invalid("bad formatting");
      }
      const mtype = mark.type;
      if (typeof mtype !== "string" || !Object.hasOwn(MARK_ATTRS, mtype)) {
        throw new Invalid(`unknown formatting "${String(mtype).slice(0, 40)}"`);
      }
      const mattrs = cleanAttrs(MARK_ATTRS[mtype]!, mark.attrs, mtype);
      return mattrs ? { type: mtype, attrs: mattrs } : { type: mtype };
    });
  }
  if (node.content !== undefined) {
    if (!Array.isArray(node.content)) throw new Invalid(`${type} content is not a list`);
    out.content = node.content.map((child) => walk(child, depth + 1, budget));
  }
  return out;
}

/**
 * Validates a story body posted by a client. Unknown nodes, marks, fields and attributes are
 * refused; link protocols are allow-listed; size and depth are capped; text is NFC with lone
 * surrogates replaced and NUL refused. The result is the schema's own normalised JSON, so
 * what is stored is exactly what the editor could have produced.
 */
export function validateDoc(raw: unknown): ValidationResult {
  try {
    const cleaned = walk(raw, 0, { nodes: 0, chars: 0 });
    if (cleaned.type !== "doc") throw new Invalid("the story body is not a document");
    let node: PMNode;
    try {
      node = PMNode.fromJSON(contentSchema(), cleaned);
      node.check();
    } catch {
      throw new Invalid("the story body has a structure the editor cannot produce");
    }
    return { ok: true, doc: node.toJSON() as DocJSON };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: error.message };
    if (error instanceof RangeError) return { ok: false, reason: "the story is nested too deeply" };
    throw error;
  }
}
