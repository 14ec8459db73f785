import { correctionsPage } from "@/server/reader/pages/corrections";
import { publicRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = publicRoute((request) => correctionsPage(request));
