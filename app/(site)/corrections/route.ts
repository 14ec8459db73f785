import { correctionsPage } from "@/server/reader/pages/corrections";
import { readerRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = readerRoute((request) => correctionsPage(request));
