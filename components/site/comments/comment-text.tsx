import { linkify, paragraphs, stripBidiControls } from "@/lib/comments/display";

/**
 * A reader's comment as plain text: paragraphs, line breaks, and http(s) URLs made into
 * links that pass no ranking and no opener. Everything else is a React text node, so
 * markup in a comment is shown as the characters it is made of.
 */
export function CommentText({ text }: { text: string }) {
  return paragraphs(stripBidiControls(text)).map((paragraph, p) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of an immutable text
    <p key={p}>
      {linkify(paragraph).map((token, t) =>
        token.kind === "link" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens of an immutable text
          <a key={t} href={token.href} rel="nofollow ugc noopener">
            {token.text}
          </a>
        ) : (
          token.text
        ),
      )}
    </p>
  ));
}
