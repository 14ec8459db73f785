import type { APIRequestContext, APIResponse, Page, Request } from "@playwright/test";

/** What is needed to send a Next.js server-action request again. */
export type CapturedAction = {
  url: string;
  headers: Record<string, string>;
  body: string;
};

const KEPT_HEADERS = ["next-action", "next-router-state-tree", "content-type", "accept"];

/**
 * Runs `act` while listening for server-action POSTs (they carry a `next-action` header) and
 * returns the one whose body mentions `marker` (e.g. the article id the action was called with).
 */
export async function captureServerAction(
  page: Page,
  marker: string,
  act: () => Promise<void>,
): Promise<CapturedAction> {
  const seen: Request[] = [];
  const listener = (request: Request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) seen.push(request);
  };
  page.on("request", listener);
  try {
    await act();
  } finally {
    page.off("request", listener);
  }
  const request = seen.find((r) => (r.postData() ?? "").includes(marker));
  if (!request) {
    throw new Error(
      `no server action mentioning ${marker} was sent (saw ${seen.length} action request(s))`,
    );
  }
  const all = await request.allHeaders();
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = all[name];
    if (value) headers[name] = value;
  }
  return { url: request.url(), headers, body: request.postData() ?? "" };
}

/** Sends a captured action again from `request` (whose cookies decide who is asking). */
export function replayServerAction(
  request: APIRequestContext,
  action: CapturedAction,
  origin: string,
  replace: { from: string; to: string },
): Promise<APIResponse> {
  return request.post(action.url, {
    headers: { ...action.headers, origin },
    data: action.body.replaceAll(replace.from, replace.to),
    maxRedirects: 0,
  });
}
