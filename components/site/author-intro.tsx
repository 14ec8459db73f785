import type { FeaturedImage } from "@/server/reader/queries";
import { Picture } from "./picture";

/** An author's bio, paragraph by paragraph (plain text, as staff wrote it). */
export function AuthorBio({ bio }: { bio: string }) {
  const paragraphs = bio
    .split(/\n{2,}|\r\n\r\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paragraphs.length === 0) return null;
  return (
    <div className="author-bio">
      {paragraphs.map((p) => (
        <p key={p} dir="auto">
          {p}
        </p>
      ))}
    </div>
  );
}

/**
 * The top of an author page: their picture, when they chose one, beside the bio. The picture
 * is named by the person's name: the library's alt text describes the photo for a story, not
 * who it shows here.
 */
export function AuthorIntro({
  name,
  bio,
  avatar,
}: {
  name: string;
  bio: string;
  avatar: FeaturedImage | null;
}) {
  if (!avatar) return <AuthorBio bio={bio} />;
  return (
    <div className="author-intro">
      <div className="author-avatar">
        <Picture image={{ ...avatar, alt: name }} sizes="8rem" eager />
      </div>
      <AuthorBio bio={bio} />
    </div>
  );
}
