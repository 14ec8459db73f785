import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main-content" className="not-found wrap">
      <h1>Page not found</h1>
      <p>
        We couldn&apos;t find that page. It may have moved, or it may never have been published.
      </p>
      <p>
        <Link href="/">Go to the front page</Link> or <Link href="/search">search our stories</Link>
        .
      </p>
    </main>
  );
}
