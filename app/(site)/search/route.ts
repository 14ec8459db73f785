import { searchPage } from "@/server/reader/pages/search";
import { publicRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = publicRoute((request) => searchPage(request));
