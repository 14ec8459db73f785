"use client";

import "./globals.css";

/** Last resort when the root layout itself fails: a plain page, no internals. */
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="main-content" className="wrap site-main">
          <div className="error-page">
            <h1>Something went wrong</h1>
            <p>Sorry, we couldn’t show this page just now. Please try again in a moment.</p>
            <p>
              <button type="button" onClick={() => reset()}>
                Try again
              </button>{" "}
              or go to the <a href="/">front page</a>.
            </p>
          </div>
        </main>
      </body>
    </html>
  );
}
