"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect } from "react";

/** Must match UNAVAILABLE_DIGEST in server/http/unavailable.ts (server-only, not importable here). */
const UNAVAILABLE_DIGEST = "DATABASE_UNAVAILABLE";
const RETRY_MS = 5_000;
/** Other failures are retried too, less often: after an outage a page may fail either way. */
const RETRY_OTHER_MS = 15_000;

/**
 * The friendly error page for pages Next renders (the newsroom, sign-in). It shows no
 * message, stack or digest from the error: those stay in the server log. While the database
 * is unreachable it says so and tries again by itself every few seconds (other failures
 * every 15 s: after an outage a page's own queries may fail in either way).
 */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const unavailable = error.digest === UNAVAILABLE_DIGEST;
  useEffect(() => {
    const timer = setTimeout(
      () => {
        startTransition(() => {
          router.refresh();
          reset();
        });
      },
      unavailable ? RETRY_MS : RETRY_OTHER_MS,
    );
    return () => clearTimeout(timer);
  }, [unavailable, router, reset]);

  return (
    <main id="main-content" className="wrap site-main">
      <div className="error-page">
        {unavailable ? (
          <>
            <h1>The newsroom is briefly unavailable</h1>
            <p role="status">
              We can’t reach the database just now. Nothing you saved is lost; this page will try
              again in a few seconds.
            </p>
          </>
        ) : (
          <>
            <h1>Something went wrong</h1>
            <p>Sorry, we couldn’t show this page just now. Please try again.</p>
          </>
        )}
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
