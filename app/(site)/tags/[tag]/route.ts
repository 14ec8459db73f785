import { tagPage } from "@/server/reader/pages/lists";
import { readerRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = readerRoute<{ tag: string }>((request, { tag }) => tagPage(request, tag));
