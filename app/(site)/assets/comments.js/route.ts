import { commentScript } from "@/server/comments/script";

export const dynamic = "force-dynamic";

/** The comment form's enhancement script (versioned URL, so it may be cached for a year). */
export function GET(): Response {
  return new Response(commentScript().source, {
    headers: {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}
