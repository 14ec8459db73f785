import { homePage } from "@/server/reader/pages/home";
import { readerRoute } from "@/server/reader/respond";

export const dynamic = "force-dynamic";

export const GET = readerRoute(() => homePage());
