import { articlePage } from "@/server/reader/pages/article";
import { readerRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = readerRoute<{ section: string; slug: string }>((request, { section, slug }) =>
  articlePage(section, slug, new URL(request.url).searchParams),
);
