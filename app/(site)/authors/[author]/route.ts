import { authorPage } from "@/server/reader/pages/lists";
import { publicRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = publicRoute<{ author: string }>((request, { author }) =>
  authorPage(request, author),
);
