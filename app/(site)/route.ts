import { homePage } from "@/server/reader/pages/home";
import { publicRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = publicRoute(() => homePage());
