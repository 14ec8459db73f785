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
