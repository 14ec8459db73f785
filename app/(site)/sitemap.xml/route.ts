import { sitemapResponse } from "@/server/reader/pages/machine";
import { publicRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = publicRoute(() => sitemapResponse());
