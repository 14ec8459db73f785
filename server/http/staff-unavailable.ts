import { handleStore } from "../../db/handle-store";
import { isDatabaseUnavailable, retryOnBrokenConnection } from "./database-errors";

/**
 * Staff pages while the database is unreachable: a 503, not a 500.
 *
 * Staff pages are App Router pages, and Next answers a page whose render throws with 500
 * whatever the error (app-render knows only not-found/forbidden/unauthorized and redirects);
 * a page cannot choose its status. So `proxy.ts` asks the database first, with one trivial
 * query, and answers a page request itself while the database is unreachable: 503,
 * `Retry-After`, and a page that reloads itself every few seconds until the newsroom is
 * back. Reader pages and uploads are route handlers and send their own 503; server actions
 * answer "unavailable" in their result, which the editor understands, so neither is probed.
 *
 * Free of `server-only` and of the config module: Proxy is bundled apart from the app. The
 * handle is the app's own (db/handle-store.ts), opened at start-up by instrumentation.ts.
 */

/** Seconds before the page reloads itself and before a client should retry. */
export const STAFF_RETRY_S = 5;

/**
 * False only when the database cannot be reached. The embedded database is in-process and
 * cannot be "down"; before the handle is open (start-up) the page opens it its own way.
 * Any other failure is the page's to report, so it counts as reachable here.
 */
export async function databaseReachable(): Promise<boolean> {
  const handle = handleStore.__newsroomDb;
  if (handle?.kind !== "postgres") return true;
  try {
    await retryOnBrokenConnection(() => handle.ping());
    return true;
  } catch (error) {
    return !isDatabaseUnavailable(error);
  }
}

/** A page request Next would render: not a server action, not a form post. */
export function isPageRequest(method: string, headers: { has(name: string): boolean }): boolean {
  return (method === "GET" || method === "HEAD") && !headers.has("next-action");
}

/**
 * The whole page, with no script at all (the staff CSP would allow only nonce'd ones): a
 * meta refresh retries. Same words as app/error.tsx, which covers a database lost mid-render.
 */
export function staffUnavailablePage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="${STAFF_RETRY_S}">
<title>Briefly unavailable · Newsroom</title>
<style nonce="${nonce}">
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; color: #1a1a1a; }
main { max-width: 36rem; margin: 4rem auto; padding: 0 1rem; }
</style>
</head>
<body>
<main id="main-content">
<h1>The newsroom is briefly unavailable</h1>
<p role="status">We can’t reach the database just now. Nothing you saved is lost; this page will try again in a few seconds.</p>
<p><a href="">Try again now</a> or go to the <a href="/">front page</a>.</p>
</main>
</body>
</html>
`;
}
