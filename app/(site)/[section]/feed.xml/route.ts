import { sectionFeedResponse } from "@/server/reader/pages/machine";
import { readerRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = readerRoute<{ section: string }>((_request, { section }) =>
  sectionFeedResponse(section),
);
