/** "By A", "By A and B", "By A, B and C". */
export function Byline({ authors }: { authors: { name: string }[] }) {
  if (authors.length === 0) return null;
  const names = authors.map((a) => a.name);
  const joined =
    names.length === 1
      ? names[0]
      : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return <span dir="auto">By {joined}</span>;
}
