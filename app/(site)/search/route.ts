import { searchPage } from "@/server/reader/pages/search";
import { readerRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = readerRoute((request) => searchPage(request));
