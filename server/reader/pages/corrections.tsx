import "server-only";
import { CorrectionsView } from "@/components/site/corrections-view";
import { absoluteUrl, pagedPath } from "@/lib/reader/paths";
import { parsePage } from "@/lib/reader/search-text";
import { config } from "../../config";
import { allCorrections } from "../article";
import { errorPage, page } from "../respond";

const PER_PAGE = 30;

/** `/corrections`: all corrections of live stories, newest first. */
export async function correctionsPage(request: Request): Promise<Response> {
  const n = parsePage(new URL(request.url).searchParams.get("page"));
  const { items, total } = await allCorrections(n, PER_PAGE);
  if (n > 1 && items.length === 0) return errorPage("not_found");
  return page(
    {
      title: "Corrections",
      description: `Corrections and clarifications published by ${config().siteName}.`,
      canonical: absoluteUrl(config().siteUrl, pagedPath("/corrections", n)),
      openGraph: { type: "website" },
    },
    <CorrectionsView items={items} page={n} total={total} perPage={PER_PAGE} />,
    { keys: ["corrections"] },
  );
}
