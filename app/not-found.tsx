import { connection } from "next/server";

/**
 * Next's 404 for paths no route matches (e.g. /a/b/c). Reader routes answer their own 404s
 * and 410s with the full site chrome (server/reader/respond.tsx); this page reads nothing
 * from the database. It is rendered per request (not prerendered) only so that Next can put
 * the request's CSP nonce on its scripts (proxy.ts).
 */
export default async function NotFound() {
  await connection();
  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="wrap">
          <div className="masthead">
            <a className="site-name" href="/">
              Front page
            </a>
            <search>
              <form className="search-form" action="/search" method="get">
                <label htmlFor="site-search" className="visually-hidden">
                  Search
                </label>
                <input id="site-search" name="q" type="search" placeholder="Search stories" />
                <button type="submit">Search</button>
              </form>
            </search>
          </div>
        </div>
      </header>
      <main id="main-content" className="wrap site-main">
        <div className="error-page">
          <h1>Page not found</h1>
          <p>We couldn’t find that page. It may have moved, or the address may be mistyped.</p>
          <p>
            Go to the <a href="/">front page</a>, or use the search box above to find a story.
          </p>
        </div>
      </main>
    </>
  );
}
