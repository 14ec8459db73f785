import { tagPage } from "@/server/reader/pages/lists";
import { publicRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = publicRoute<{ tag: string }>((request, { tag }) => tagPage(request, tag));
