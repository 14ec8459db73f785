import Link from "next/link";
import type { ReactNode } from "react";
import { config } from "@/server/config";
import { listSections } from "@/server/sections/list-sections";

export default async function SiteLayout({ children }: { children: ReactNode }) {
  const sections = await listSections();
  const { siteName } = config();
  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="wrap">
          <div className="masthead">
            <Link className="site-name" href="/">
              {siteName}
            </Link>
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
          <nav className="site-nav" aria-label="Sections">
            <ul>
              {sections.map((s) => (
                <li key={s.id}>
                  <Link href={`/${s.slug}`}>{s.name}</Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main-content" className="wrap">
        {children}
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <p>
            © {siteName}. <a href="/feed.xml">RSS</a> · <Link href="/login">Staff sign-in</Link>
          </p>
        </div>
      </footer>
    </>
  );
}
