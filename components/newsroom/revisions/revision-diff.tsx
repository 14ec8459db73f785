import { Fragment, type ReactNode } from "react";
import type { DisplaySegment } from "@/lib/diff/revisions";
import { collapseUnchanged, type FieldChange, type RevisionDiff } from "@/lib/diff/revisions";
import styles from "./revisions.module.css";

const quoted = (text: string): ReactNode =>
  text ? <q dir="auto">{text}</q> : <span className="meta">(empty)</span>;

const listed = (names: string[]): ReactNode =>
  names.length ? <span dir="auto">{names.join(", ")}</span> : <span className="meta">(none)</span>;

function FieldLine({ change }: { change: FieldChange }) {
  switch (change.kind) {
    case "text":
      return (
        <>
          <span className={styles.fieldName}>{change.label}:</span>{" "}
          <span className={styles.old}>
            <span className="visually-hidden">was </span>
            {quoted(change.before)}
          </span>{" "}
          <span aria-hidden="true">→</span> <span className="visually-hidden">now </span>
          {quoted(change.after)}
        </>
      );
    case "list":
      return (
        <>
          <span className={styles.fieldName}>{change.label}:</span>{" "}
          <span className={styles.old}>
            <span className="visually-hidden">was </span>
            {listed(change.before)}
          </span>{" "}
          <span aria-hidden="true">→</span> <span className="visually-hidden">now </span>
          {listed(change.after)}
          {change.added.length || change.removed.length ? (
            <span className="meta">
              {" "}
              (
              {[
                change.added.length ? `added ${change.added.join(", ")}` : "",
                change.removed.length ? `removed ${change.removed.join(", ")}` : "",
              ]
                .filter(Boolean)
                .join("; ")}
              )
            </span>
          ) : null}
        </>
      );
    case "note":
      return (
        <>
          <span className={styles.fieldName}>{change.label}:</span> {change.text}
        </>
      );
  }
}

/** An added segment right after a removed one with no space between them on either side. */
function joinsRemoved(segments: DisplaySegment[], i: number): boolean {
  const before = segments[i - 1];
  const added = segments[i];
  if (before?.kind !== "removed" || added?.kind !== "added") return false;
  return !/\s$/.test(before.text) && !/^\s/.test(added.text);
}

/** Changed fields in words, then the body text with added and removed words marked. */
export function RevisionDiffView({ diff }: { diff: RevisionDiff }) {
  if (diff.identical) {
    return <p role="status">No changes: these two revisions are the same.</p>;
  }
  const segments = collapseUnchanged(diff.body);
  const bodyChanged = diff.wordsAdded > 0 || diff.wordsRemoved > 0;
  return (
    <>
      <h2>Fields</h2>
      {diff.fields.length ? (
        <ul className={styles.fields} aria-label="Changed fields">
          {diff.fields.map((change) => (
            <li key={change.field}>
              <FieldLine change={change} />
            </li>
          ))}
        </ul>
      ) : (
        <p>No field changed.</p>
      )}
      <h2>Text</h2>
      {bodyChanged ? (
        <p className="meta">
          {diff.wordsAdded} {diff.wordsAdded === 1 ? "word" : "words"} added, {diff.wordsRemoved}{" "}
          {diff.wordsRemoved === 1 ? "word" : "words"} removed. Added words are underlined on green,
          removed words struck through on red.
        </p>
      ) : (
        <p>
          {diff.formattingOnly
            ? "The words are the same; only formatting, links, images or layout changed."
            : "The text is the same."}
        </p>
      )}
      {bodyChanged ? (
        <div className={styles.body} dir="auto" data-testid="body-diff">
          {segments.map((segment, i) => {
            // Index keys: a rendered diff is static, never reordered.
            switch (segment.kind) {
              case "added":
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static output, see above
                  <Fragment key={i}>
                    {/* Words replaced in place: keep the old and new apart on screen. */}
                    {joinsRemoved(segments, i) ? " " : null}
                    <ins>
                      <span className="visually-hidden">[added: </span>
                      {segment.text}
                      <span className="visually-hidden">]</span>
                    </ins>
                  </Fragment>
                );
              case "removed":
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static output, see above
                  <del key={i}>
                    <span className="visually-hidden">[removed: </span>
                    {segment.text}
                    <span className="visually-hidden">]</span>
                  </del>
                );
              case "skipped":
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static output, see above
                  <span key={i} className={styles.skipped}>
                    … {segment.words.toLocaleString("en-GB")} unchanged{" "}
                    {segment.words === 1 ? "word" : "words"} …
                  </span>
                );
              default:
                // biome-ignore lint/suspicious/noArrayIndexKey: static output, see above
                return <span key={i}>{segment.text}</span>;
            }
          })}
        </div>
      ) : null}
    </>
  );
}
