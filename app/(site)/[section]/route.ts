import { sectionPage } from "@/server/reader/pages/lists";
import { readerRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = readerRoute<{ section: string }>((request, { section }) =>
  sectionPage(request, section),
);
