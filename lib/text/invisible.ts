/**
 * Text controls that change how text is shown without being seen (THREATS 39).
 *
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) can
 * reverse the text around them ("gpj.exe") and spill into the page's layout. Names, slugs and
 * section names also lose the marks (U+200E/F, U+061C), the zero-width space, joiners and
 * word joiner (U+200B–U+200D, U+2060), the invisible operators (U+2061–U+2064), the byte-order
 * mark (U+FEFF) and the soft hyphen: in a name shown as a byline, or typed into an address,
 * they only make two identical-looking values differ.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Removes embedding, override and isolate controls only (comments keep marks and joiners). */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

/** Removes every invisible control above, then re-composes (NFC) what they kept apart. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "").normalize("NFC");
}
