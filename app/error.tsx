"use client";

/**
 * The friendly error page for pages Next renders (the newsroom, sign-in). It shows no
 * message, stack or digest from the error: those stay in the server log.
 */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main-content" className="wrap site-main">
      <div className="error-page">
        <h1>Something went wrong</h1>
        <p>Sorry, we couldn’t show this page just now. Please try again.</p>
        <p>
          <button type="button" onClick={() => reset()}>
            Try again
          </button>{" "}
          or go to the <a href="/">front page</a>.
        </p>
      </div>
    </main>
  );
}
