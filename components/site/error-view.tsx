export type ErrorKind = "not_found" | "gone" | "error" | "unavailable";

const COPY: Record<ErrorKind, { title: string; body: string }> = {
  not_found: {
    title: "Page not found",
    body: "We couldn’t find that page. It may have moved, or the address may be mistyped.",
  },
  gone: {
    title: "This story has been removed",
    body: "The story that was at this address is no longer published.",
  },
  error: {
    title: "Something went wrong",
    body: "Sorry, we couldn’t show this page just now. Please try again in a moment.",
  },
  unavailable: {
    title: "We’ll be right back",
    body: "The site is busy or being updated. Please try again in a moment.",
  },
};

export function errorTitle(kind: ErrorKind): string {
  return COPY[kind].title;
}

/** A helpful error page: what happened, and where to go next. Never any internals. */
export function ErrorView({ kind }: { kind: ErrorKind }) {
  const copy = COPY[kind];
  return (
    <div className="error-page">
      <h1>{copy.title}</h1>
      <p>{copy.body}</p>
      <p>
        Go to the <a href="/">front page</a>, or use the search box above to find a story.
      </p>
    </div>
  );
}
