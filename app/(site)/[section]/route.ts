import { sectionPage } from "@/server/reader/pages/lists";
import { publicRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = publicRoute<{ section: string }>((request, { section }) =>
  sectionPage(request, section),
);
