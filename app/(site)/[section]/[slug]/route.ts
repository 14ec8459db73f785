import { articlePage } from "@/server/reader/pages/article";
import { publicRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = publicRoute<{ section: string; slug: string }>((request, { section, slug }) =>
  articlePage(section, slug, new URL(request.url).searchParams),
);
