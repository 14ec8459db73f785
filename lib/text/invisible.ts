/**
 * Text controls that change how text is shown without being seen (THREATS 39).
 *
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) can
 * reverse the text around them ("gpj.exe") and spill into the page's layout. Names, slugs and
 * section names also lose the marks (U+200E/F, U+061C), the zero-width space, joiners and
 * word joiner (U+200B–U+200D, U+2060; joiners stay inside words of scripts that need them), the invisible operators (U+2061–U+2064), the byte-order
 * mark (U+FEFF) and the soft hyphen: in a name shown as a byline, or typed into an address,
 * they only make two identical-looking values differ.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const INVISIBLE = /[\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/**
 * The zero-width non-joiner and joiner (U+200C, U+200D) spell words in Persian, Arabic and
 * the Indic scripts (Persian "می‌خواهم" needs its U+200C): between two letters of such a
 * script they stay. Anywhere else (next to a Latin, Greek or Cyrillic letter, a digit, a
 * space, an emoji, either end) they only make look-alikes, and go.
 */
const LOOK_ALIKE = "\\p{Script=Latin}\\p{Script=Greek}\\p{Script=Cyrillic}";
const STRAY_JOINER = new RegExp(
  `(?<![\\p{L}\\p{M}])[\\u200C\\u200D]|[\\u200C\\u200D](?![\\p{L}\\p{M}])` +
    `|(?<=[${LOOK_ALIKE}]\\p{M}*)[\\u200C\\u200D]|[\\u200C\\u200D](?=[${LOOK_ALIKE}])`,
  "gu",
);

/** Removes embedding, override and isolate controls only (comments keep marks and joiners). */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

/** Removes every invisible control above, then re-composes (NFC) what they kept apart. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "").replace(STRAY_JOINER, "").normalize("NFC");
}
