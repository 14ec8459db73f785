import { authorPage } from "@/server/reader/pages/lists";
import { readerRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = readerRoute<{ author: string }>((request, { author }) =>
  authorPage(request, author),
);
