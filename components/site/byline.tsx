import { joinNames } from "@/lib/reader/format";
import { authorPath } from "@/lib/reader/paths";

type Person = { name: string; slug: string };

/** "By A", "By A and B", "By A, B and C": each name a link to the author's page. */
export function Byline({ authors, links = true }: { authors: Person[]; links?: boolean }) {
  if (authors.length === 0) return null;
  if (!links) return <span dir="auto">By {joinNames(authors.map((a) => a.name))}</span>;
  return (
    <span>
      By{" "}
      {authors.map((a, i) => (
        <span key={a.slug}>
          {i === 0 ? null : i === authors.length - 1 ? " and " : ", "}
          <a href={authorPath(a.slug)} rel="author" dir="auto">
            {a.name}
          </a>
        </span>
      ))}
    </span>
  );
}
