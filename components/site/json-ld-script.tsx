import { type JsonLd, serializeJsonLd } from "@/lib/reader/json-ld";

/**
 * JSON-LD in a <script>. The only raw HTML the reader site writes, and only ever the output
 * of serializeJsonLd, which escapes `<`, `>` and `&`: a headline holding `</script>` cannot
 * end the element.
 */
export function JsonLdScript({ data }: { data: JsonLd }) {
  return (
    <script
      type="application/ld+json"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by serializeJsonLd
      dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }}
    />
  );
}
