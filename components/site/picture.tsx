import type { FeaturedImage } from "@/server/reader/queries";

const TYPES: Record<string, string> = { avif: "image/avif", webp: "image/webp", jpg: "image/jpeg" };

/**
 * A responsive image from the server's renditions: one <source> per modern format, a
 * fallback <img> with width and height (so nothing shifts while it loads), lazy unless it is
 * the first thing a reader sees.
 */
export function Picture({
  image,
  sizes,
  eager = false,
}: {
  image: FeaturedImage;
  sizes: string;
  eager?: boolean;
}) {
  const variants = image.variants.filter((v) => v.src.startsWith("/media/"));
  if (variants.length === 0) return null;
  const byFormat = new Map<string, typeof variants>();
  for (const v of [...variants].sort((a, b) => a.width - b.width)) {
    byFormat.set(v.format, [...(byFormat.get(v.format) ?? []), v]);
  }
  const srcSet = (list: typeof variants) => list.map((v) => `${v.src} ${v.width}w`).join(", ");
  const fallbackList = byFormat.get("jpg") ?? byFormat.get("webp") ?? variants;
  const fallback = fallbackList[Math.min(fallbackList.length - 1, 1)] ?? fallbackList[0]!;
  return (
    <picture>
      {["avif", "webp"].map((format) => {
        const list = byFormat.get(format);
        return list && list !== fallbackList ? (
          <source key={format} type={TYPES[format]} srcSet={srcSet(list)} sizes={sizes} />
        ) : null;
      })}
      <img
        src={fallback.src}
        srcSet={srcSet(fallbackList)}
        sizes={sizes}
        alt={image.alt}
        width={image.width}
        height={image.height}
        loading={eager ? "eager" : "lazy"}
        fetchPriority={eager ? "high" : undefined}
        decoding="async"
      />
    </picture>
  );
}

/** The featured image with its caption and credit. */
export function FeaturedFigure({ image, eager }: { image: FeaturedImage; eager?: boolean }) {
  return (
    <figure className="featured-image">
      <Picture image={image} sizes="(min-width: 46rem) 42rem, 100vw" eager={eager} />
      {image.caption || image.credit ? (
        <figcaption>
          {image.caption ? <span dir="auto">{image.caption}</span> : null}
          {image.credit ? (
            <span className="credit" dir="auto">
              {" "}
              {image.credit}
            </span>
          ) : null}
        </figcaption>
      ) : null}
    </figure>
  );
}
