import { previewPage } from "@/server/articles/preview-page";
import { currentActor } from "@/server/auth/session";
import { readerRoute } from "@/server/reader/respond";

// Per request, for the signed-in person only: never prerendered or cached.
export const dynamic = "force-dynamic";

/** A reader page (the reader site's document and error handling), shown to staff only. */
export const GET = readerRoute<{ id: string }>(async (_request, { id }) =>
  previewPage(await currentActor(), id),
);
